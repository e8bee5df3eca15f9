import type { WorkEstimate } from "./workEstimate.js";

/**
 * An estimate in words, rounded as estimates are: `~40 s (40 000 rows)`,
 * `~14 min (…)`, `~3 h (…)`, `~2e+9 years (…)`.
 *
 * @param work - the estimate
 * @returns a short phrase with the detail in parentheses
 * @example formatWork({ seconds: 840, detail: "10^8 rows" }) // returns "~14 min (10^8 rows)"
 */
export function formatWork(work: WorkEstimate): string {
  return `${formatSeconds(work.seconds)} (${work.detail})`;
}

/**
 * A duration rounded to two significant digits in its largest unit.
 *
 * For example 90 s reads `~1.5 min`.
 */
function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "forever";
  const units: Array<[number, string]> = [
    [365.25 * 86_400, "years"],
    [86_400, "days"],
    [3600, "h"],
    [60, "min"],
    [1, "s"],
  ];
  const [size, name] = units.find(([size]) => seconds >= size) ?? [1, "s"];
  const v = seconds / size;
  return `~${v >= 1e6 ? v.toExponential(0) : String(Number(v.toPrecision(2)))} ${name}`;
}
