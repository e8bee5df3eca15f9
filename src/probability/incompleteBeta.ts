import type { RationalParts } from "../scalar/parseRational.js";
import { formatDigits } from "./_internals/decimalFormat.js";
import { twiceHalfInteger } from "./_internals/halfInteger.js";
import { seriesIncompleteBeta } from "./_internals/seriesIncompleteBeta.js";
import { checkDigits } from "./checkDigits.js";
import { parseUnitInterval } from "./parseUnitInterval.js";

/** Options of {@link incompleteBeta}. */
export interface IncompleteBetaOptions {
  /** significant digits of the result (default 40) */
  digits?: number;
  /**
   * Sum the series at x itself even when x > 1/2 (slower; default false, which
   * uses I_x(a, b) = 1 − I_{1−x}(b, a) there). Useful to test the symmetry.
   */
  direct?: boolean;
}

/** Guard digits kept beyond the requested ones before the single final rounding. */
export const GUARD_DIGITS = 12;

export { MAX_PROBABILITY_DIGITS } from "./probabilityLimits.js";

/**
 * The regularised incomplete beta function I_x(a, b) for half-integer a, b
 * (1/2, 1, 3/2, …), to `digits` significant digits, by its power series with
 * a proven tail bound and a rounding-error bound that raises the working
 * precision until the result is certain (then rounded once).
 *
 * @param x - a rational in [0, 1], as text ("3/7", "0.25") or BigInt parts
 * @param a - first parameter, a positive multiple of 1/2 (number or "3/2")
 * @param b - second parameter, a positive multiple of 1/2
 * @returns the value with `digits` significant digits (decimal text)
 * @throws InputError for x outside [0, 1], a or b not positive half-integers, or bad digits
 * @example incompleteBeta("1/2", 1, "1/2", { digits: 10 }) // returns "0.2928932188"  (1 − √(1/2))
 */
export function incompleteBeta(
  x: string | RationalParts,
  a: number | string,
  b: number | string,
  options: IncompleteBetaOptions = {},
): string {
  const digits = checkDigits(options.digits ?? 40);
  const A = twiceHalfInteger(a, "a");
  const B = twiceHalfInteger(b, "b");
  const xr = parseUnitInterval(x);
  if (xr.n === 0n) return "0";
  if (xr.n === xr.d) return "1";
  const { value } = seriesIncompleteBeta(xr, A, B, digits + GUARD_DIGITS, options.direct ?? false);
  return formatDigits(value, digits);
}
