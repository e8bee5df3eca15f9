import { Decimal } from "decimal.js";
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
  const D = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 60 });
  return new D(a.toString()).div(new D(F.ONE.toString())).toString();
}
