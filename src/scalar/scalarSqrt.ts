import type { Decimal } from "decimal.js";
import Fraction from "fraction.js";
import { isqrt } from "./bigintMath.js";
import type { Rational } from "./exact.js";
import type { Scalar } from "./scalar.js";

/**
 * √x for x ≥ 0: correctly rounded by decimal.js at the precision of the arithmetic that made x, the
 * double square root in float, and in exact rationals the exact root when x is the square of a
 * rational (numerator and denominator, in lowest terms, both perfect squares).
 *
 * @param x - a value ≥ 0 of `S`
 * @param S - the arithmetic
 * @returns √x, or `undefined` when `S` is exact and √x is irrational: the caller says why it needed it
 * @example scalarSqrt(exact.parse("9/4"), exact)?.toFraction() // returns "3/2"
 */
export function scalarSqrt<T>(x: T, S: Scalar<T>): T | undefined {
  if (S.kind === "float") return Math.sqrt(x as unknown as number) as unknown as T;
  if (S.kind === "decimal") return (x as unknown as Decimal).sqrt() as unknown as T;
  const q = x as unknown as Rational;
  if (q.s < 0n && q.n !== 0n) return undefined;
  const num = isqrt(q.n);
  const den = isqrt(q.d);
  return num * num === q.n && den * den === q.d ? (new Fraction(num, den) as unknown as T) : undefined;
}
