import { at } from "../scalar/at.js";
import { ConvergenceError } from "../errors.js";
import { formatWork } from "./formatWork.js";
import { monotonicMs } from "./monotonicMs.js";
import { runTimeLimit } from "./runTimeLimit.js";

/** Seconds a run may take before its projection is trusted: shorter steps are too noisy to extrapolate. */
const TRUSTED_AFTER_SECONDS = 1;

/**
 * A check to call after every step of a run whose steps grow dearer as it
 * goes (exact gradient descent: the digits of every parameter about double
 * at each step). After step t it projects the remaining steps from the cost
 * of the last step and its growth over the last three, and stops the run
 * with a ConvergenceError (exit 3) when elapsed + projected time passes twice
 * the cap (a busy machine slows a run without making it runaway).
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
    if (elapsed < TRUSTED_AFTER_SECONDS && elapsed <= limit) return;
    const n = ends.length - 1;
    // n ≥ 1 (the start and this step), and n − k − 1 ≥ 0 below
    const last = Math.max(1e-6, (at(ends, n) - at(ends, n - 1)) / 1000);
    const k = Math.min(3, n - 1);
    const before = k > 0 ? Math.max(1e-6, (at(ends, n - k) - at(ends, n - k - 1)) / 1000) : last;
    // growth per step, never below 1: a run that speeds up is projected flat
    const growth = Math.max(1, (last / before) ** (1 / Math.max(1, k)));
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
