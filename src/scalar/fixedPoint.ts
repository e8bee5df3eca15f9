/**
 * Fixed-point arithmetic on BigInts, the one module for it, in two scales.
 *
 * **Binary** (a value v stored as round(v·2^P), {@link Fixed}): the inner
 * arithmetic of the flow integrators. Conversions from rationals round half
 * away from zero; products ({@link fmul}) are shifted once and floor (an
 * arithmetic right shift rounds toward −∞); quotients ({@link fdiv}) are
 * divided once and truncate toward zero.
 *
 * **Decimal** (v stored as ⌊v·10^F⌋ up to a few units, functions ending in
 * `10`): the closed forms of the probability layer, whose values are at most
 * 3 in size and end up as decimal strings. Every operation floors
 * (operands are non-negative, so BigInt division truncating toward zero is a
 * floor), and each function states its error in units of 10^−F. The scale
 * stays decimal because a value ·10^F turns into a decimal.js number by a
 * string (`${v}e-${F}`) exactly, while a binary value needs one more division
 * by 2^P in decimal.js. Measured by bench/fixedPoint.bench.ts on the
 * closed-form kernel (√, Euler's arctan series, a division by π, then the
 * decimal.js number; Node 20, a loaded 2-core machine): per evaluation,
 * base 10 took 12 µs at 20 digits and 22 µs at 40 digits (the cases of the
 * tables and reports) against 31 µs and 39 µs in base 2, and base 10 stayed
 * 1.4–1.6× faster at 60 and 100 digits; no run had base 2 ahead.
 */
import { isqrt, scale10 } from "./bigintMath.js";
import { parseRational } from "./parseRational.js";
import { roundedDecimalText } from "./roundedDecimalText.js";

// ───────────────────────────── binary scale ─────────────────────────────

/**
 * A binary fixed-point context: a value v is stored as the BigInt round(v·2^P).
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
  /** P as a BigInt (shift amount). */
  readonly bigP: bigint;
  /** 2^P, the value 1. */
  readonly ONE: bigint;
}

/**
 * A fixed-point context of `P` fraction bits.
 *
 * @param P - fraction bits, an integer ≥ 0
 * @returns the context
 * @example fixed(4).ONE // returns 16n
 * @internal
 */
export function fixed(P: number): Fixed {
  return { P, bigP: BigInt(P), ONE: 1n << BigInt(P) };
}

/**
 * Fraction bits for `digits` significant digits of results of size up to
 * 2^magnitudeBits, with 14 guard digits.
 *
 * @param digits - significant decimal digits wanted
 * @param magnitudeBits - log2 of the largest magnitude (negative counts as 0)
 * @returns P = ⌈(digits + 14)·log2 10⌉ + max(0, magnitudeBits)
 * @example fixedBits(10, 3) // returns 83
 * @internal
 */
export function fixedBits(digits: number, magnitudeBits: number): number {
  return Math.ceil((digits + 14) * Math.log2(10)) + Math.max(0, magnitudeBits);
}

/**
 * round(num/den · 2^P), rounding half away from zero.
 *
 * @param F - the context
 * @param num - numerator
 * @param den - denominator, non-zero (either sign)
 * @returns the nearest fixed-point value, ties away from zero
 * @example fromRationalFixed(fixed(4), -1n, 32n) // returns -1n
 * @internal
 */
export function fromRationalFixed(F: Fixed, num: bigint, den: bigint): bigint {
  const n = num << F.bigP;
  const q = n / den;
  const r = n - q * den;
  if (2n * (r < 0n ? -r : r) >= (den < 0n ? -den : den)) return q + (n < 0n !== den < 0n ? -1n : 1n);
  return q;
}

/**
 * A user number ("3/4", "-0.125", "1e-3") in fixed point, rounded once
 * (half away from zero) from its exact value.
 *
 * @param F - the context
 * @param text - the number as the user wrote it
 * @returns round(value · 2^P)
 * @throws InputError when the text is not a number (see `parseRational`)
 * @example parseFixed(fixed(4), "3/4") // returns 12n
 * @internal
 */
export function parseFixed(F: Fixed, text: string): bigint {
  const { num, den } = parseRational(text);
  return fromRationalFixed(F, num, den);
}

/**
 * a·b, the full product shifted once: an arithmetic shift, so the result is
 * floored (rounded toward −∞).
 *
 * @param F - the context
 * @param a - a fixed-point value
 * @param b - a fixed-point value
 * @returns ⌊a·b / 2^P⌋
 * @example fmul(fixed(4), 24n, 24n) // returns 36n (1.5 · 1.5 = 2.25)
 * @internal
 */
export function fmul(F: Fixed, a: bigint, b: bigint): bigint {
  return (a * b) >> F.bigP;
}

/**
 * a/b, truncated toward zero (BigInt division).
 *
 * @param F - the context
 * @param a - a fixed-point value
 * @param b - a non-zero fixed-point value
 * @returns trunc(a·2^P / b)
 * @throws RangeError when b = 0
 * @example fdiv(fixed(4), 16n, 48n) // returns 5n (1/3 ≈ 0.3125)
 * @internal
 */
export function fdiv(F: Fixed, a: bigint, b: bigint): bigint {
  return (a << F.bigP) / b;
}

/**
 * |a|.
 *
 * @param a - a fixed-point value (or any BigInt)
 * @returns its absolute value
 * @example fabs(-3n) // returns 3n
 * @internal
 */
export function fabs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

const TWO_M900 = 2 ** -900;

/**
 * The double nearest a fixed-point value (sign and magnitude; underflows to 0
 * below about 1e-300 when P > 900, where the low bits are shifted out first).
 *
 * @param F - the context
 * @param a - a fixed-point value
 * @returns a / 2^P as a double
 * @example fixedToDouble(fixed(4), 24n) // returns 1.5
 * @internal
 */
export function fixedToDouble(F: Fixed, a: bigint): number {
  if (F.P > 900) return Number(a >> BigInt(F.P - 900)) * TWO_M900;
  return Number(a) * 2 ** -F.P;
}

/**
 * The exact rational text "V/2^P" of a fixed-point value, for exact
 * conversion into any arithmetic.
 *
 * @param F - the context
 * @param a - a fixed-point value
 * @returns `${a}/${2^P}`
 * @example fixedToRationalText(fixed(4), 24n) // returns "24/16"
 * @internal
 */
export function fixedToRationalText(F: Fixed, a: bigint): string {
  return `${a}/${F.ONE}`;
}

/**
 * Text of a fixed-point value rounded once (half to even) to `digits`
 * significant digits, in the library's decimal notation (`decimalContext`).
 *
 * @param F - the context
 * @param a - a fixed-point value
 * @param digits - significant digits
 * @returns the decimal text
 * @example fixedToString(fixed(4), 5n, 2) // returns "0.31"
 * @internal
 */
export function fixedToString(F: Fixed, a: bigint, digits: number): string {
  return roundedDecimalText(a, F.ONE, digits);
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
