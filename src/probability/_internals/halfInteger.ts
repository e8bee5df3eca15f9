/**
 * Γ and B at half-integers, exactly: Γ(k/2) is a rational times √π when k
 * is odd, so B(A/2, B/2) is a rational times π exactly when A and B are both
 * odd, and a rational otherwise.
 * @internal
 */
import { InputError } from "../../errors.js";
import { factorial, rational } from "../../scalar/bigintMath.js";
import type { Rational } from "../../scalar/exact.js";

/** Γ(k/2)/√π^(k mod 2) for k ≥ 1: (k/2 − 1)! for even k, (2j)!/(4^j j!) for k = 2j + 1. @internal */
function gammaHalfRational(k: number): Rational {
  if (k % 2 === 0) return rational(factorial(k / 2 - 1));
  const j = (k - 1) / 2;
  return rational(factorial(2 * j), 4n ** BigInt(j) * factorial(j));
}

/** B(A/2, B/2) = ratio · π^piPower. @internal */
export function betaHalf(A: number, B: number): { ratio: Rational; piPower: 0 | 1 } {
  const ratio = gammaHalfRational(A)
    .mul(gammaHalfRational(B))
    .div(gammaHalfRational(A + B));
  return { ratio, piPower: A % 2 === 1 && B % 2 === 1 ? 1 : 0 };
}

/** Largest doubled parameter 2a accepted (the closed forms are finite sums of about a terms). */
const MAX_TWICE_PARAMETER = 8192;

/**
 * Reads a positive half-integer parameter (1/2, 1, 3/2, …) given as a number
 * or text and returns twice it, an integer.
 * @throws InputError naming the parameter otherwise
 * @internal
 */
export function twiceHalfInteger(value: number | string, name: string): number {
  const t = typeof value === "number" ? value * 2 : Number(String(value).trim()) * 2;
  const fraction = typeof value === "string" && /^\s*\d+\s*\/\s*2\s*$/.test(value) ? Number(value.split("/")[0]) : t;
  if (!Number.isInteger(fraction) || fraction < 1 || fraction > MAX_TWICE_PARAMETER) {
    throw new InputError({ field: name, expected: `a positive multiple of 1/2 up to ${MAX_TWICE_PARAMETER / 2}`, value: String(value) });
  }
  return fraction;
}
