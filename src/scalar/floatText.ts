import { floatParts } from "./floatParts.js";
import { powerOfTwo, powerOfTwoText } from "./powersOfTwo.js";

/**
 * The exact value of a finite binary64 number as reduced text: an integer (`-3`) or
 * `m/2^k` with m odd (`5/8`). Every float32, float16 and bfloat16 is exactly a binary64,
 * so this is the exact text of any weight a file stores. The value is taken apart from its
 * bits ({@link floatParts}: no decimal printing, no rounding), the denominator's text coming
 * from a cache: fast enough for millions of weights.
 *
 * @param v - a finite number
 * @returns the exact rational v is, as text
 * @throws RangeError for NaN or ±Infinity (the caller reports them as bad input first)
 * @example floatText(0.375) // returns "3/8"
 */
export function floatText(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`floatText: ${v} is not finite`);
  const [m, k] = floatParts(v);
  if (k > 0) return `${m}/${powerOfTwoText(k)}`;
  const n = m * 2 ** -k;
  // below 2^53 the double is the integer and prints without an exponent
  return Math.abs(n) < 2 ** 53 ? `${n}` : `${BigInt(m) * powerOfTwo(-k)}`;
}
