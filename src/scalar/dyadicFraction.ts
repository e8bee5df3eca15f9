import Fraction from "fraction.js";
import type { Rational } from "./exact.js";
import { powerOfTwo } from "./powersOfTwo.js";

/**
 * The rational num / 2^k, reduced by moving factors of two only: a dyadic needs no gcd.
 * Built the way fraction.js builds its own results (sign `s`, numerator `n` ≥ 0, denominator
 * `d`), so the value is an ordinary Rational; used where millions of float weights or sums of
 * their squares become rationals.
 *
 * @param num - the numerator
 * @param k - the exponent of the denominator (may be negative: num · 2^−k)
 * @returns num / 2^k, reduced
 * @example dyadicFraction(12n, 4).toFraction() // returns "3/4"
 */
export function dyadicFraction(num: bigint, k: number): Rational {
  let n = num < 0n ? -num : num;
  if (n === 0n) k = 0;
  else if (k > 0) {
    // trailing zero bits of n, at most k of them
    const low = n & -n;
    let z = low.toString(2).length - 1;
    if (z > k) z = k;
    n >>= BigInt(z);
    k -= z;
  }
  if (k < 0) {
    n <<= BigInt(-k);
    k = 0;
  }
  const f = Object.create(Fraction.prototype) as Rational & { s: bigint; n: bigint; d: bigint };
  f.s = num < 0n ? -1n : 1n;
  f.n = n;
  f.d = powerOfTwo(k);
  return f;
}
