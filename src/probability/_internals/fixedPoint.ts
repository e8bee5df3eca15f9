/**
 * Fixed-point BigInt kernels for the closed forms: a real v is held as the
 * integer ⌊v·10^F⌋ (up to a few units). Every closed-form term is at most 3
 * in size, so an absolute error of a few units in the last place is all the
 * accuracy analysis needs, and BigInt products of 50–100 digit numbers are
 * far cheaper than decimal.js operations.
 * @internal
 */
import { isqrt } from "./rational.js";

const scales = new Map<number, bigint>();
/** 10^F, cached. @internal */
export function scaleOf(F: number): bigint {
  let s = scales.get(F);
  if (s === undefined) {
    s = 10n ** BigInt(F);
    scales.set(F, s);
  }
  return s;
}

/** ⌊√n · 10^F⌋ for an integer n ≥ 0 (exact floor). @internal */
export function sqrtFixed(n: bigint, F: number): bigint {
  const s = scaleOf(F);
  return isqrt(n * s * s);
}

/** Σ_{n≥0} (−1)^n / ((2n+1) k^(2n+1)) = arctan(1/k) in fixed point; each term truncated (≤ 1 unit each). */
function arctanInverse(k: bigint, F: number): bigint {
  const k2 = k * k;
  let power = scaleOf(F) / k;
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
 * π·10^F (within a few units) by Machin's formula π = 16 arctan(1/5) − 4 arctan(1/239),
 * computed with 5 extra digits and cached.
 * @internal
 */
export function piFixed(F: number): bigint {
  let pi = pis.get(F);
  if (pi === undefined) {
    const G = F + 5;
    pi = (16n * arctanInverse(5n, G) - 4n * arctanInverse(239n, G)) / scaleOf(5);
    pis.set(F, pi);
  }
  return pi;
}

/**
 * Σ_{n≥0} c_n (u/S)^n · 10^F with c_n = Π_{k≤n} 2k/(2k+1), for 0 < u/S ≤ 1/2:
 * the series of arctan √(u/(S−u)) = (√(u(S−u))/S) · Σ (Euler). Each of the at
 * most 3.33·F terms is truncated by under one unit, and the tail after the
 * first zero term is under one unit.
 * @internal
 */
export function eulerSumFixed(u: bigint, S: bigint, F: number): bigint {
  let term = scaleOf(F);
  let sum = term;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * 2n * n * u) / ((2n * n + 1n) * S);
    sum += term;
  }
  return sum;
}
