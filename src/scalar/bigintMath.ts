/**
 * The BigInt integer and rational helpers of the whole library: gcd, lcm,
 * integer square root, factorial, square-free splitting, primitive integer
 * vectors and rational reconstruction. Rationals are fraction.js values
 * ({@link Rational}, the type of the `exact` scalar); nothing else in `src`
 * defines a rational type or a gcd.
 */
import Fraction from "fraction.js";
import type { Rational } from "./exact.js";

/**
 * The non-negative greatest common divisor of two integers (gcd(0, 0) = 0).
 *
 * @param a - an integer
 * @param b - an integer
 * @returns |gcd(a, b)|
 * @example gcd(-12n, 18n) // returns 6n
 */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * The non-negative least common multiple of two integers (0 when either is 0).
 *
 * @param a - an integer
 * @param b - an integer
 * @returns |lcm(a, b)|
 * @example lcm(4n, -6n) // returns 12n
 */
export function lcm(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  const l = (a / gcd(a, b)) * b;
  return l < 0n ? -l : l;
}

/**
 * The integer square root ⌊√n⌋ (exact floor), by Newton's iteration from
 * above, started from a float guess when n fits a double.
 *
 * @param n - an integer ≥ 0
 * @returns the largest r with r² ≤ n
 * @throws RangeError when n < 0
 * @example isqrt(99n) // returns 9n
 */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError(`invalid radicand. Must be a non-negative integer. Value: \`${n}\`.`);
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
 * n! as a BigInt.
 *
 * @param n - an integer ≥ 0 (0! = 1)
 * @returns n!
 * @example factorial(5) // returns 120n
 */
export function factorial(n: number): bigint {
  let f = 1n;
  for (let i = 2n; i <= BigInt(n); i++) f *= i;
  return f;
}

/**
 * Splits n ≥ 1 as outside² · inside with `inside` free of the square factors
 * found by trial division up to 10^5 (complete when n < 10^10, and whenever
 * what is left is itself a square), so that √n prints as `outside*sqrt(inside)`.
 * Only readability depends on the split being complete.
 *
 * @param n - an integer ≥ 1
 * @returns outside and inside with outside² · inside = n
 * @example squareSplit(72n) // returns { outside: 6n, inside: 2n }
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

/**
 * The exact rational num/den, reduced (a fraction.js value).
 *
 * @param num - numerator
 * @param den - denominator (default 1)
 * @returns num/den in lowest terms
 * @throws RangeError (from fraction.js) when den = 0
 * @example rational(6n, -4n).toFraction() // returns "-3/2"
 */
export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  return new Fraction(BigInt(num), BigInt(den));
}

/**
 * The signed numerator of a rational (fraction.js keeps the sign apart, in `s`).
 *
 * @param q - a rational
 * @returns p with q = p/q.d
 * @example numerator(rational(-3n, 4n)) // returns -3n
 */
export function numerator(q: Rational): bigint {
  return q.s < 0n ? -q.n : q.n;
}

/**
 * A rational as text: `p/q`, or the integer alone when q = 1 (fraction.js's `toFraction`).
 *
 * @param q - a rational
 * @returns its exact text
 * @example rationalText(rational(6n, 4n)) // returns "3/2"
 */
export function rationalText(q: Rational): string {
  return q.toFraction();
}

/**
 * Divides an integer vector by the gcd of its entries and makes its first
 * non-zero entry positive (the zero vector is returned as is). The vector is
 * returned unchanged (the same array) when it is already primitive.
 *
 * @param v - integers
 * @returns the primitive integer vector on the same line, first non-zero entry > 0
 * @example primitive([0n, -4n, 6n]) // returns [0n, 2n, -3n]
 */
export function primitive(v: bigint[]): bigint[] {
  let g = 0n;
  for (const x of v) if (x !== 0n) g = gcd(g, x);
  if (g === 0n) return v;
  const first = v.find((x) => x !== 0n)!;
  if (first < 0n) g = -g;
  return g === 1n ? v : v.map((x) => x / g);
}

/**
 * Scales a rational vector to the primitive integer vector on the same line
 * (multiplies by the lcm of the denominators, then {@link primitive}).
 *
 * @param v - rationals
 * @returns integers proportional to v, gcd 1, first non-zero entry > 0
 * @example integerMultiple([rational(1n, 2n), rational(-1n, 3n)]) // returns [3n, -2n]
 */
export function integerMultiple(v: readonly Rational[]): bigint[] {
  let l = 1n;
  for (const x of v) l = (l / gcd(l, x.d)) * x.d;
  return primitive(v.map((x) => numerator(x) * (l / x.d)));
}

/**
 * Rational reconstruction (Wang): the fraction n/d ≡ a (mod p) with |n|, d ≤ √(p/2),
 * found by the extended Euclidean algorithm in doubles; unique when it exists.
 * For the modular linear algebra of the laws, whose prime is below 2^26 so
 * every intermediate stays an exact double.
 *
 * @param a - a residue (any integer; taken mod p)
 * @param p - a prime below 2^26
 * @returns n/d, or undefined when no such fraction exists
 * @example reconstructRational(2, 7)?.toFraction() // returns undefined
 * @example reconstructRational(33554430, 67108859)?.toFraction() // returns "1/2"
 */
export function reconstructRational(a: number, p: number): Rational | undefined {
  const bound = Math.floor(Math.sqrt(p / 2));
  const m = a % p;
  let [r0, r1] = [p, m < 0 ? m + p : m];
  let [t0, t1] = [0, 1];
  while (r1 > bound) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  if (t1 === 0 || Math.abs(t1) > bound) return undefined;
  return new Fraction(BigInt(r1), BigInt(t1));
}

const scales = new Map<number, bigint>();

/**
 * 10^F, cached: the unit of the decimal fixed point at F decimals, and the powers of ten a
 * printed number is rounded at (a run prints many values at the same few scales).
 *
 * @param F - decimals, an integer ≥ 0
 * @returns 10^F
 * @example scale10(3) // returns 1000n
 */
export function scale10(F: number): bigint {
  let s = scales.get(F);
  if (s === undefined) {
    s = 10n ** BigInt(F);
    if (scales.size > 4096) scales.clear();
    scales.set(F, s);
  }
  return s;
}
