import { InputError } from "../../errors.js";
import { at } from "../../scalar/at.js";
import { decimalContext } from "../../scalar/decimalContext.js";
import type { Rational } from "../../scalar/exact.js";
import { intOption } from "../options.js";

/** How text output prints exact values: decimals to `digits` significant digits, or the exact fractions. */
export interface ValueStyle {
  readonly digits: number;
  readonly exact: boolean;
  /** Print every value of a long row instead of its summary. */
  readonly all: boolean;
}

/** Values in one row above which text output summarises the row (unless `--all`). */
export const SUMMARY_ABOVE = 12;

/** The largest `--digits` of text output. */
const MAX_DIGITS = 1000;

/**
 * The text style from `--digits`, `--exact` and `--all` (6 significant digits by default).
 *
 * @throws InputError for `--digits` that is not an integer in [1, 1000], or `--digits` with `--exact`
 */
export function valueStyle(opts: { digits?: string; exact?: boolean; all?: boolean }): ValueStyle {
  if (opts.digits !== undefined && opts.exact)
    throw new InputError({ field: "options", expected: "--digits or --exact, not both", value: `--digits ${opts.digits} --exact` });
  const digits = opts.digits === undefined ? 6 : intOption(opts.digits, "--digits", 1, MAX_DIGITS);
  return { digits, exact: opts.exact === true, all: opts.all === true };
}

/** One exact value as text: its decimal to the style's significant digits (rounded half-even), or the fraction. */
export function valueText(v: Rational, style: ValueStyle): string {
  if (style.exact) return v.toFraction();
  if (v.n === 0n) return "0";
  // decimal.js notation: plain for ordinary magnitudes, 1.5e-9 for tiny and huge ones
  const D = decimalContext(style.digits + 10, { notation: "decimal.js" });
  const q = new D((v.s * v.n).toString()).div(v.d.toString());
  return q.toSignificantDigits(style.digits).toString();
}

/**
 * A long row of values in a few words: how many are negative, zero and positive, the smallest
 * and largest with their (1-based) positions, and the listed positions of interest.
 */
export function rowSummary(values: readonly Rational[], style: ValueStyle): string {
  let neg = 0;
  let zero = 0;
  let lo = 0;
  let hi = 0;
  values.forEach((v, i) => {
    const s = v.n === 0n ? 0 : v.s < 0n ? -1 : 1;
    if (s < 0) neg++;
    else if (s === 0) zero++;
    if (v.compare(at(values, lo)) < 0) lo = i;
    if (v.compare(at(values, hi)) > 0) hi = i;
  });
  const pos = values.length - neg - zero;
  return `${values.length} values: ${neg} < 0, ${zero} = 0, ${pos} > 0; min ${valueText(at(values, lo), style)} (#${lo + 1}), max ${valueText(at(values, hi), style)} (#${hi + 1})`;
}
