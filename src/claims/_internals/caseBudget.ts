import { ConvergenceError } from "../../errors.js";
import { formatWork } from "../../work/formatWork.js";

/** Seconds a claim may run before its projection is trusted: the first cases pay one-off costs (loading, compiling). */
const TRUSTED_AFTER_SECONDS = 1;

/**
 * A check to call before each case of a claim: once the claim has run for a second, it
 * projects its total time from the cases done so far and throws a ConvergenceError
 * (field `maxSeconds`) when that passes the cap, so a claim heavier than the up-front
 * estimate assumed stops instead of running on.
 *
 * @param name - the claim, named in the error
 * @param runs - the cases it will run
 * @param capSeconds - the seconds left for it
 * @param now - a clock in milliseconds (tests pass their own)
 * @returns a function to call with the number of cases done
 * @internal
 */
export function caseBudget(
  name: string,
  runs: number,
  capSeconds: number,
  now: () => number = () => performance.now(),
): (done: number) => void {
  const start = now();
  return (done) => {
    const elapsed = (now() - start) / 1000;
    if (elapsed < TRUSTED_AFTER_SECONDS && elapsed <= capSeconds) return;
    const projected = done > 0 ? (elapsed / done) * Math.max(runs, done + 1) : Number.POSITIVE_INFINITY;
    if (projected > capSeconds)
      throw new ConvergenceError(
        "check",
        `case ${done + 1} of ${runs} of claim \`${name}\``,
        `over its work cap at run time: projected to take ${formatWork({ seconds: projected, detail: `${done} cases in ${elapsed.toFixed(1)} s` })}, past the ~${Number(capSeconds.toPrecision(3))} s left of the cap`,
        { field: "maxSeconds", change: "raise" },
      );
  };
}
