/**
 * decimal.js constructors by precision, made once and cached: every
 * probability kernel works at a precision of its own (requested digits plus
 * guard digits plus digits lost to cancellation) and never touches the
 * global Decimal settings.
 * @internal
 */
import { Decimal } from "decimal.js";
import type { Rational } from "./rational.js";

export type DecimalCtor = typeof Decimal;

const cache = new Map<number, DecimalCtor>();

/** The decimal.js constructor at `precision` significant digits (round half to even). @internal */
export function decimalAt(precision: number): DecimalCtor {
  let D = cache.get(precision);
  if (D === undefined) {
    // Same printing convention as the `decimal` scalar of src/scalar.
    D = Decimal.clone({ precision, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 60 });
    if (cache.size > 64) cache.clear();
    cache.set(precision, D);
  }
  return D;
}

/** num/den correctly rounded at the precision of D. @internal */
export function ratToDecimal(D: DecimalCtor, r: Rational): Decimal {
  return r.den === 1n ? new D(r.num.toString()).plus(0) : new D(r.num.toString()).div(r.den.toString());
}

/** log10 |v| as a number (−Infinity for 0), without overflowing a double. @internal */
export function log10Abs(v: Decimal): number {
  if (v.isZero()) return -Infinity;
  // decimal.js keeps |v| = 0.d0 d1 … (base 10^7 words) with exponent v.e of the leading digit
  const words = (v as unknown as { d: number[] }).d;
  const lead = words[0]! + (words.length > 1 ? words[1]! / 1e7 : 0);
  return v.e + Math.log10(lead) - Math.floor(Math.log10(words[0]!));
}

/** Rounds once to `digits` significant digits and prints (plain notation down to 1e-30, then exponential). @internal */
export function formatDigits(v: Decimal, digits: number): string {
  const D = decimalAt(digits);
  return new D(v).toSignificantDigits(digits).toString();
}
