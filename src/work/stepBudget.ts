import { at } from "../scalar/at.js";
import { ConvergenceError } from "../errors.js";
import { formatWork } from "./formatWork.js";
import { monotonicMs } from "./monotonicMs.js";
import { runTimeLimit } from "./runTimeLimit.js";

/** Seconds a run may take before its projection is trusted: shorter steps are too noisy to extrapolate. */
const TRUSTED_AFTER_SECONDS = 1;
/** A step this long is measured well enough to project from, however short the run before it. */
const TRUSTED_STEP_SECONDS = 0.25;

/**
 * A check to call after every step of a run whose steps grow dearer as it
 * goes (exact gradient descent: the digits of every parameter about double
 * at each step). After step t it projects the remaining steps from the cost
 * of the last step and its growth, and stops the run with a ConvergenceError
 * (exit 3) when elapsed + projected time passes twice the cap (a busy machine
 * slows a run without making it runaway). The growth is the least of the
 * last three step-to-step ratios, and the last step counts at most its
 * predecessor times that growth: one step slowed by other work on the
 * machine (a pause of the process) then projects as the steps around it do,
 * while a run whose every step grows projects its growth.
 *
 * @param method - the method named in the error (`gd`)
 * @param steps - the total number of steps
 * @param capSeconds - the cap, in seconds
 * @param field - the option that raises the cap, as the library names it (`maxSeconds`)
 * @param now - a clock in milliseconds (tests pass their own)
 * @returns a function to call with the number of steps done
 * @throws ConvergenceError from the returned function when the projection passes twice the cap
 * @example stepBudget("gd", 40, 60, "maxSeconds")(1) // returns undefined (too early to project)
 */
export function stepBudget(
  method: string,
  steps: number,
  capSeconds: number,
  field: string,
  now: () => number = monotonicMs,
): (done: number) => void {
  const start = now();
  const ends: number[] = [start];
  const limit = runTimeLimit(capSeconds);
  return (done) => {
    const t = now();
    ends.push(t);
    const elapsed = (t - start) / 1000;
    const n = ends.length - 1;
    /** The length of step i (1 ≤ i ≤ n) in seconds, never 0. */
    const length = (i: number): number => Math.max(1e-6, (at(ends, i) - at(ends, i - 1)) / 1000);
    if (elapsed < TRUSTED_AFTER_SECONDS && length(n) < TRUSTED_STEP_SECONDS && elapsed <= limit) return;
    // growth per step, never below 1: a run that speeds up is projected flat
    let growth = Number.POSITIVE_INFINITY;
    for (let i = Math.max(2, n - 2); i <= n; i++) growth = Math.min(growth, length(i) / length(i - 1));
    growth = n >= 2 ? Math.max(1, growth) : 1;
    const last = n >= 2 ? Math.min(length(n), length(n - 1) * growth) : length(n);
    const left = steps - done;
    const projected = growth === 1 ? last * left : (last * growth * (growth ** left - 1)) / (growth - 1);
    const total = elapsed + projected;
    if (total > limit)
      throw new ConvergenceError(
        method,
        `step ${done} of ${steps}`,
        `stopped: the run is projected to take ${formatWork({ seconds: total, detail: `each step ×${growth.toPrecision(2)} the last` })}, over twice the cap of ~${capSeconds} s`,
        { field, change: "raise" },
      );
  };
}
