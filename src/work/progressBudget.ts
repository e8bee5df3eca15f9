import { ConvergenceError } from "../errors.js";
import { formatWork } from "./formatWork.js";
import { monotonicMs } from "./monotonicMs.js";
import { runTimeLimit } from "./runTimeLimit.js";

/** Seconds a run may take before its projection is trusted: the first steps are too noisy to extrapolate. */
const TRUSTED_AFTER_SECONDS = 1;

/** How a stopped run is described: where it was and why it stopped. */
export interface BudgetWording {
  at: (fraction: number) => string;
  reason: (projectedSeconds: number, elapsedSeconds: number) => string;
}

/**
 * A check to call with the fraction of a run done (an integrator's progress
 * from 0 to 1): once the run has taken a second, it projects the total as
 * elapsed / fraction and stops the run with a ConvergenceError (exit 3) when
 * that passes twice the cap (a busy machine slows a run without making it
 * runaway), e.g. a flow whose steps shrink near huge values.
 *
 * @param method - the method named in the error (`taylor`, `gauss`, `rk4`)
 * @param capSeconds - the cap, in seconds
 * @param field - the option that raises the cap, as the library names it (`maxSeconds`)
 * @param now - a clock in milliseconds (tests pass their own)
 * @param wording - where the run was and why it stopped, for the error (default: percent done, projected total)
 * @returns a function to call with the fraction done
 * @throws ConvergenceError from the returned function when the projection passes twice the cap
 * @example progressBudget("taylor", 60, "maxSeconds")(0.5) // returns undefined (half done at once: well within the cap)
 */
export function progressBudget(
  method: string,
  capSeconds: number,
  field: string,
  now: () => number = monotonicMs,
  wording?: BudgetWording,
): (fraction: number) => void {
  const start = now();
  const limit = runTimeLimit(capSeconds);
  return (fraction) => {
    const elapsed = (now() - start) / 1000;
    if (elapsed < TRUSTED_AFTER_SECONDS && elapsed <= limit) return;
    const total = fraction > 0 ? elapsed / Math.min(1, fraction) : Number.POSITIVE_INFINITY;
    if (total > limit)
      throw new ConvergenceError(
        method,
        wording?.at(fraction) ?? `${(100 * fraction).toPrecision(2)} % of the way`,
        wording?.reason(total, elapsed) ??
          `stopped: the run is projected to take ${formatWork({ seconds: total, detail: `${elapsed.toFixed(1)} s so far` })}, over twice the cap of ~${capSeconds} s`,
        { field, change: "raise" },
      );
  };
}
