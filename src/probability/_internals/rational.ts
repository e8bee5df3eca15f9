/**
 * Small exact rational helpers on BigInt pairs, used by the closed forms
 * (coefficients of finite sums) and the initialisation schemes (exact ρ).
 * Values are kept reduced with a positive denominator.
 * @internal
 */
import type { RationalParts } from "../../scalar/parseRational.js";

/** An exact rational `num/den`, reduced, `den > 0`. */
export type Rational = RationalParts;

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The reduced rational num/den. @internal */
export function rat(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError("rational with zero denominator");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { num: n / g, den: d / g } : { num: n, den: d };
}

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

export const add = (a: Rational, b: Rational): Rational => rat(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rat(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rat(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational): Rational => rat(a.num * b.den, a.den * b.num);
export const neg = (a: Rational): Rational => ({ num: -a.num, den: a.den });
export const isZero = (a: Rational): boolean => a.num === 0n;
export const cmp = (a: Rational, b: Rational): -1 | 0 | 1 => {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

/** `p/q`, or the integer alone when q = 1. @internal */
export function ratToString(a: Rational): string {
  return a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`;
}

/** n! as a BigInt. @internal */
export function factorial(n: number): bigint {
  let f = 1n;
  for (let i = 2n; i <= BigInt(n); i++) f *= i;
  return f;
}

/** Integer square root ⌊√n⌋ of n ≥ 0: Newton from above, started from a float guess when n fits a double. @internal */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError("square root of a negative number");
  if (n < 2n) return n;
  const bits = n.toString(16).length * 4;
  // the guess must not be below √n: widen the float root by 2^-40 (its error is about 2^-52)
  let x = bits < 1000 ? BigInt(Math.ceil(Math.sqrt(Number(n)) * (1 + 2 ** -40))) + 1n : 1n << BigInt((bits >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * Splits n ≥ 1 as outside² · inside with `inside` free of the small square
 * factors found by trial division (complete when n < 10^10), so that
 * √n prints as `outside*sqrt(inside)`. Only readability depends on it.
 * @internal
 */
export function squareSplit(n: bigint): { outside: bigint; inside: bigint } {
  let outside = 1n;
  let inside = n;
  const r = isqrt(inside);
  if (r * r === inside) return { outside: r, inside: 1n };
  for (let p = 2n; p <= 100_000n && p * p <= inside; p += p === 2n ? 1n : 2n) {
    const p2 = p * p;
    while (inside % p2 === 0n) {
      inside /= p2;
      outside *= p;
    }
  }
  const s = isqrt(inside);
  if (s * s === inside) return { outside: outside * s, inside: 1n };
  return { outside, inside };
}
