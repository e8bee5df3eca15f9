import { dyadicFraction } from "./dyadicFraction.js";
import type { Rational } from "./exact.js";
import { floatParts } from "./floatParts.js";

/**
 * The exact rational a finite binary64 number is (every float32, float16 and bfloat16 too),
 * built from its bits with no text and no gcd in between: the fast way from a weight file's
 * floats to exact arithmetic.
 *
 * @param v - a finite number
 * @returns v as an exact rational
 * @example floatFraction(-0.375).toFraction() // returns "-3/8"
 */
export function floatFraction(v: number): Rational {
  const [m, k] = floatParts(v);
  return dyadicFraction(BigInt(m), k);
}
