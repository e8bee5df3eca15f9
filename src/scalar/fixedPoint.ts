/**
 * Fixed-point arithmetic on BigInts, the one module for it, in two scales.
 *
 * **Binary** (a value v stored as round(v·2^P), {@link Fixed}): the inner
 * arithmetic of the flow integrators. Conversions from rationals round half
 * away from zero; products ({@link fmul}) and quotients ({@link fdiv}) are
 * shifted or divided once and truncate toward zero (an arithmetic right shift
 * floors).
 *
 * **Decimal** (v stored as ⌊v·10^F⌋ up to a few units, functions ending in
 * `10`): the closed forms of the probability layer, whose values are at most
 * 3 in size and end up as decimal strings. Every operation floors
 * (operands are non-negative, so BigInt division truncating toward zero is a
 * floor), and each function states its error in units of 10^−F. The scale
 * stays decimal because a value ·10^F turns into a decimal.js number by a
 * string (`${v}e-${F}`) exactly, while a binary value needs one more division
 * by 2^P in decimal.js. Measured on the closed-form kernel (√, Euler's arctan
 * series, a division by π, then conversion to a decimal.js number; 20 000
 * evaluations, Node 20): base 10 took 9.7 µs at F = 25 and 22.1 µs at
 * F = 45 (the 20- and 40-digit cases of the tables and reports) against
 * 20.5 µs and 37.3 µs in base 2; at F = 65 both took about 40 µs.
 */
import { isqrt } from "./bigintMath.js";
import { decimalContext } from "./decimalContext.js";
import { parseRational } from "./parseRational.js";

/**
 * Binary fixed-point numbers as BigInts: a value v is stored as round(v·2^P).
 * Products are taken in full and shifted once, so a sum of products costs one
 * shift; this is the inner arithmetic of the flow integrators (about 50× cheaper
 * than decimal.js at 30–50 digits). Precision is absolute (2^−P), which suits
 * parameters of moderate size; {@link fixedBits} adds room for their magnitude.
 *
 * @internal
 */
export interface Fixed {
  /** Fraction bits P. */
  readonly P: number;
  readonly bigP: bigint;
  readonly ONE: bigint;
}

/** A fixed-point context of `P` fraction bits. @internal */
export function fixed(P: number): Fixed {
  return { P, bigP: BigInt(P), ONE: 1n << BigInt(P) };
}

/** Fraction bits for `digits` significant digits of results of size up to 2^magnitudeBits, with guard digits. @internal */
export function fixedBits(digits: number, magnitudeBits: number): number {
  return Math.ceil((digits + 14) * Math.log2(10)) + Math.max(0, magnitudeBits);
}

/** round(num/den · 2^P), rounding half away from zero. @internal */
export function fromRationalFixed(F: Fixed, num: bigint, den: bigint): bigint {
  const n = num << F.bigP;
  const q = n / den;
  const r = n - q * den;
  if (2n * (r < 0n ? -r : r) >= (den < 0n ? -den : den)) return q + ((n < 0n) !== (den < 0n) ? -1n : 1n);
  return q;
}

/** A user number ("3/4", "-0.125", "1e-3") in fixed point. @internal */
export function parseFixed(F: Fixed, text: string): bigint {
  const { num, den } = parseRational(text);
  return fromRationalFixed(F, num, den);
}

/** a·b. @internal */
export function fmul(F: Fixed, a: bigint, b: bigint): bigint {
  return (a * b) >> F.bigP;
}

/** a/b (truncated). @internal */
export function fdiv(F: Fixed, a: bigint, b: bigint): bigint {
  return (a << F.bigP) / b;
}

/** |a|. @internal */
export function fabs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

const TWO_M900 = 2 ** -900;

/** The nearest double (sign and magnitude; underflows to 0 below 1e-300). @internal */
export function fixedToDouble(F: Fixed, a: bigint): number {
  if (F.P > 900) return Number(a >> BigInt(F.P - 900)) * TWO_M900;
  return Number(a) * 2 ** -F.P;
}

/** A double in fixed point (exact binary value of the double). @internal */
export function fixedFromDouble(F: Fixed, x: number): bigint {
  if (x === 0) return 0n;
  // x = m · 2^k with an integer mantissa m
  let k = Math.floor(Math.log2(Math.abs(x))) - 52;
  let m = x / 2 ** k;
  while (!Number.isInteger(m)) {
    k -= 1;
    m = x / 2 ** k;
  }
  const shift = BigInt(k) + F.bigP;
  return shift >= 0n ? BigInt(m) << shift : BigInt(m) >> -shift;
}

/** The exact rational text "V/2^P" of a fixed-point value, for exact conversion into any arithmetic. @internal */
export function fixedToRationalText(F: Fixed, a: bigint): string {
  return `${a}/${F.ONE}`;
}

/** Text of a fixed-point value rounded to `digits` significant digits (decimal.js form). @internal */
export function fixedToString(F: Fixed, a: bigint, digits: number): string {
  const D = decimalContext(digits);
  return new D(a.toString()).div(new D(F.ONE.toString())).toString();
}

// ───────────────────────────── decimal scale ─────────────────────────────

const scales = new Map<number, bigint>();

/**
 * 10^F, cached: the unit of the decimal fixed point at F decimals.
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

/**
 * ⌊√n · 10^F⌋ for an integer n ≥ 0 (exact floor).
 *
 * @param n - an integer ≥ 0
 * @param F - decimals
 * @returns √n at F decimals, floored
 * @throws RangeError when n < 0
 * @example sqrtFixed10(2n, 5) // returns 141421n
 */
export function sqrtFixed10(n: bigint, F: number): bigint {
  const s = scale10(F);
  return isqrt(n * s * s);
}

/** Σ_{n≥0} (−1)^n / ((2n+1) k^(2n+1)) = arctan(1/k) ·10^F; each term floored (≤ 1 unit each). */
function arctanInverse10(k: bigint, F: number): bigint {
  const k2 = k * k;
  let power = scale10(F) / k;
  let sum = power;
  for (let n = 1n; power !== 0n; n++) {
    power /= k2;
    const term = power / (2n * n + 1n);
    sum += n % 2n === 0n ? term : -term;
  }
  return sum;
}

const pis = new Map<number, bigint>();

/**
 * π·10^F within one unit, by Machin's formula π = 16 arctan(1/5) − 4 arctan(1/239)
 * computed with 5 extra decimals and floored; cached. (decimal.js's own π
 * stops at about 1025 digits; this one has no limit.)
 *
 * @param F - decimals
 * @returns π at F decimals
 * @example piFixed10(10) // returns 31415926535n
 */
export function piFixed10(F: number): bigint {
  let pi = pis.get(F);
  if (pi === undefined) {
    const G = F + 5;
    pi = (16n * arctanInverse10(5n, G) - 4n * arctanInverse10(239n, G)) / scale10(5);
    if (pis.size > 4096) pis.clear();
    pis.set(F, pi);
  }
  return pi;
}

/**
 * Σ_{n≥0} c_n (u/S)^n · 10^F with c_n = Π_{k≤n} 2k/(2k+1), for 0 < u/S ≤ 1/2:
 * Euler's series arctan √(u/(S−u)) = (√(u(S−u))/S) · Σ. Each term is
 * computed from the previous, already floored one (ratio r < u/S ≤ 1/2), so
 * floors accumulate: a term is at most 1 + r·(error of the previous) ≤ 2 units
 * low. With at most 3.33·F + 2 terms before the first zero one, and a true
 * tail after it below 2/(1 − r) ≤ 4 units, the sum is at most 6.67·F + 8 units
 * low (and never high).
 *
 * @param u - numerator, 0 < u ≤ S/2
 * @param S - denominator
 * @param F - decimals
 * @returns the sum at F decimals, between 6.67·F + 8 units below the true value and the true value
 * @example eulerArctanSum10(1n, 2n, 6) // returns 1570778n (π/2 = 1.5707963…)
 */
export function eulerArctanSum10(u: bigint, S: bigint, F: number): bigint {
  let term = scale10(F);
  let sum = term;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * 2n * n * u) / ((2n * n + 1n) * S);
    sum += term;
  }
  return sum;
}

/**
 * x^l for x ≥ 0 held at F decimals, by repeated squaring; each product floored
 * (one unit each, so at most 2·log2(l) units below the product of the floors).
 *
 * @param x - a non-negative value ·10^F
 * @param l - exponent, an integer ≥ 0
 * @param F - decimals
 * @returns x^l ·10^F
 * @example powFixed10(15n, 2, 1) // returns 22n
 */
export function powFixed10(x: bigint, l: number, F: number): bigint {
  const scale = scale10(F);
  let result = scale;
  let base = x;
  for (let k = l; k > 0; k >>= 1) {
    if (k & 1) result = (result * base) / scale;
    if (k > 1) base = (base * base) / scale;
  }
  return result;
}
