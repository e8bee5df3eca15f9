import { InputError } from "../errors.js";
import { formatWork } from "../work/formatWork.js";
import type { WorkEstimate } from "../work/workEstimate.js";
import { DEFAULT_MAX_SECONDS } from "./commands/maxSecondsOption.js";

/**
 * Refuses work whose estimate exceeds the cap of `--max-seconds`, before it starts. The
 * run-time guards, given the returned cap, stop a run only once it projects past twice it.
 *
 * @param work - the estimate of the library function about to run
 * @param maxSeconds - the text of `--max-seconds`, or undefined for the default cap
 * @param defaultCap - the cap without `--max-seconds` (3600 s, one hour)
 * @returns the cap in seconds, for a run-time check
 * @throws InputError naming the estimate and `--max-seconds` (exit 2), or a malformed `--max-seconds`
 * @example enforceWorkCap({ seconds: 5400, detail: "10^9 rows" }, undefined)
 * // throws InputError "invalid work. Must be at most ~3600 s estimated. Value: `~1.5 h (10^9 rows)`. Raise --max-seconds to run it."
 */
export function enforceWorkCap(work: WorkEstimate, maxSeconds: string | undefined, defaultCap: number = DEFAULT_MAX_SECONDS): number {
  const cap = parseMaxSeconds(maxSeconds, defaultCap);
  if (work.seconds > cap)
    throw new InputError({
      field: "work",
      expected: `at most ~${cap} s estimated`,
      value: formatWork(work),
      note: "Raise --max-seconds to run it.",
    });
  return cap;
}

function parseMaxSeconds(text: string | undefined, defaultCap: number): number {
  if (text === undefined) return defaultCap;
  const v = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(v) || v <= 0)
    throw new InputError({ field: "maxSeconds", expected: "a positive number of seconds", value: text });
  return v;
}
