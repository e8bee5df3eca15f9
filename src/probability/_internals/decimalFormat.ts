/**
 * decimal.js helpers of the probability kernels: every kernel works at a
 * precision of its own (requested digits plus guard digits plus digits lost to
 * cancellation), with constructors from `decimalContext` (src/scalar).
 * @internal
 */
import { InternalError } from "../../errors.js";
import type { Decimal } from "decimal.js";
import { numerator } from "../../scalar/bigintMath.js";
import { decimalContext, type DecimalCtor } from "../../scalar/decimalContext.js";
import type { Rational } from "../../scalar/exact.js";

/** num/den correctly rounded at the precision of D. @internal */
export function ratToDecimal(D: DecimalCtor, r: Rational): Decimal {
  const num = numerator(r).toString();
  return r.d === 1n ? new D(num).plus(0) : new D(num).div(r.d.toString());
}

/** log10 |v| as a number (−Infinity for 0), without overflowing a double. @internal */
export function log10Abs(v: Decimal): number {
  if (v.isZero()) return -Infinity;
  // decimal.js keeps |v| = 0.d0 d1 … (base 10^7 words) with exponent v.e of the leading digit
  const [first, second = 0] = (v as unknown as { d: number[] }).d;
  if (first === undefined) throw new InternalError("a non-zero decimal without digit words");
  return v.e + Math.log10(first + second / 1e7) - Math.floor(Math.log10(first));
}

/** Rounds once to `digits` significant digits and prints (plain notation down to 1e-30, then exponential). @internal */
export function formatDigits(v: Decimal, digits: number): string {
  const D = decimalContext(digits);
  return new D(v).toSignificantDigits(digits).toString();
}
