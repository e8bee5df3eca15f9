import { formatWork } from "../../work/formatWork.js";
import { progressBudget } from "../../work/progressBudget.js";
import { runTimeLimit } from "../../work/runTimeLimit.js";

/**
 * A check to call before each case of a claim: once the claim has run for a second, it
 * projects its total time from the cases done so far and throws a ConvergenceError
 * (field `maxSeconds`) when that passes twice the cap, so a claim heavier than the up-front
 * estimate assumed stops instead of running on. The run-time budget of every long
 * command, counted in cases.
 *
 * @param name - the claim, named in the error
 * @param runs - the cases it will run
 * @param capSeconds - its share of the cap (the claim stops when its projection passes twice that)
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
  let done = 0;
  const budget = progressBudget("check", capSeconds, "maxSeconds", now, {
    at: () => `case ${done + 1} of ${runs} of claim \`${name}\``,
    reason: (projected, elapsed) =>
      `over its work cap at run time: projected to take ${formatWork({ seconds: projected, detail: `${done} cases in ${elapsed.toFixed(1)} s` })}, past the ~${Number(runTimeLimit(capSeconds).toPrecision(3))} s left of twice the cap`,
  });
  return (casesDone) => {
    done = casesDone;
    budget(casesDone / Math.max(runs, casesDone + 1));
  };
}
