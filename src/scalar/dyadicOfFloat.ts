import { InputError } from "../errors.js";
import type { RationalParts } from "./parseRational.js";

/** The binary floating-point formats a weight file may hold (the safetensors dtype names). */
export type FloatFormat = "F64" | "F32" | "F16" | "BF16";

interface FormatBits {
  /** Total width in bits. */
  readonly width: number;
  /** Exponent field width. */
  readonly exponent: number;
  /** Stored mantissa (fraction) field width. */
  readonly mantissa: number;
}

const FORMATS: Readonly<Record<FloatFormat, FormatBits>> = {
  F64: { width: 64, exponent: 11, mantissa: 52 },
  F32: { width: 32, exponent: 8, mantissa: 23 },
  F16: { width: 16, exponent: 5, mantissa: 10 },
  BF16: { width: 16, exponent: 8, mantissa: 7 },
};

/**
 * The exact rational a binary float is, read from its bits: sign, biased
 * exponent and mantissa are taken apart, so no decimal print or rounding ever
 * comes between the stored value and the rational. Normal numbers are
 * (2^m + f)·2^(e − bias − m), subnormals f·2^(1 − bias − m), ±0 is 0.
 * The result is reduced: the denominator is the smallest power of two that serves.
 *
 * @param bits - the float's bit pattern as an unsigned integer (e.g. the 32 bits of an F32, little-endian already undone)
 * @param format - `F64`, `F32`, `F16` (IEEE binary16) or `BF16` (bfloat16)
 * @returns numerator and power-of-two denominator, or `undefined` for NaN and ±Infinity, which are no rational
 * @throws InputError for a bit pattern wider than the format
 * @example dyadicOfFloat(0x3e000000n, "F32") // returns { num: 1n, den: 8n }
 */
export function dyadicOfFloat(bits: bigint, format: FloatFormat): RationalParts | undefined {
  const f = FORMATS[format];
  if (bits < 0n || bits >> BigInt(f.width) !== 0n)
    throw new InputError({ field: "bits", expected: `an unsigned ${f.width}-bit pattern`, value: bits.toString() });
  const m = BigInt(f.mantissa);
  const expMax = (1n << BigInt(f.exponent)) - 1n;
  const bias = (1n << BigInt(f.exponent - 1)) - 1n;
  const negative = bits >> BigInt(f.width - 1) === 1n;
  const biased = (bits >> m) & expMax;
  const fraction = bits & ((1n << m) - 1n);
  if (biased === expMax) return undefined;
  // value = significand · 2^power
  const significand = biased === 0n ? fraction : (1n << m) | fraction;
  const power = (biased === 0n ? 1n : biased) - bias - m;
  if (significand === 0n) return { num: 0n, den: 1n };
  let num = negative ? -significand : significand;
  if (power >= 0n) return { num: num << power, den: 1n };
  // Reduce: move common factors of two out of the numerator into the exponent.
  let shift = -power;
  while (shift > 0n && (num & 1n) === 0n) {
    num >>= 1n;
    shift--;
  }
  return { num, den: 1n << shift };
}
