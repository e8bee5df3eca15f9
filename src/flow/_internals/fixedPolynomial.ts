import type { Fixed } from "../../scalar/fixedPoint.js";

/*
 * A polynomial g(τ) = Σ_q (c_q·2^−P)·τ^q of the step variable, its coefficients c_q fixed-point
 * BigInts, evaluated two ways: in fixed point (Horner, every product floored, cheap: the
 * numbers stay near 2P bits), and exactly (the value scaled by a power of 2^P to an integer,
 * numbers of about n·P bits) where a sign must be proven. For τ ≥ 0 every floor lowers the
 * fixed-point value, so it never lies above the exact one: a fixed-point value ≥ 0 proves the
 * exact value ≥ 0, and an exact value < 0 makes the fixed-point one < 0.
 *
 * The Horner loops run for every monitored pair at every step: plain loops, which cost a
 * fraction of reduceRight's callbacks.
 */

/** g(τ) by Horner in fixed point. @internal */
export function polyEval(F: Fixed, c: readonly bigint[], tau: bigint): bigint {
  const P = F.bigP;
  // From the top coefficient down; the first pass leaves acc = c_top, as (0·τ) >> P = 0.
  let acc = 0n;
  for (let q = c.length - 1; q >= 0; q--) acc = ((acc * tau) >> P) + c[q]!;
  return acc;
}

/** g'(τ) by Horner in fixed point. @internal */
export function polyDerivEval(F: Fixed, c: readonly bigint[], tau: bigint): bigint {
  const P = F.bigP;
  let acc = 0n;
  for (let q = c.length - 1; q >= 1; q--) acc = ((acc * tau) >> P) + BigInt(q) * c[q]!;
  return acc;
}

/** g''(τ) by Horner in fixed point. */
function polySecondDerivEval(F: Fixed, c: readonly bigint[], tau: bigint): bigint {
  const P = F.bigP;
  let acc = 0n;
  for (let q = c.length - 1; q >= 2; q--) acc = ((acc * tau) >> P) + BigInt(q * (q - 1)) * c[q]!;
  return acc;
}

/**
 * The minimum of g in [a, b] near b0 to the last bits: Newton on g' in fixed point from a
 * start that places it only roughly (the doubles place it to 2^−40 of the step, wider than a
 * dip of depth 10^−30), kept in the bracket; a few steps from a close start.
 *
 * @internal
 */
export function fixedMinimum(F: Fixed, c: readonly bigint[], b0: bigint, a: bigint, b: bigint): bigint {
  let x = b0;
  for (let it = 0; it < 64; it++) {
    const d2 = polySecondDerivEval(F, c, x);
    if (d2 <= 0n) break;
    const next = x - (polyDerivEval(F, c, x) << F.bigP) / d2;
    const clamped = next < a ? a : next > b ? b : next;
    if (clamped === x) break;
    x = clamped;
  }
  return x;
}

/**
 * Whether the exact g at the grid point τ = X·2^−P (0 ≤ X) is negative. The fixed-point value
 * decides it when it is ≥ 0 (the exact value is not below it), or below the floors' reach
 * (each of the n floors of Horner costs less than a unit, carried on by factors τ ≤ 1); only
 * a value within that reach of 0 is recomputed exactly: V(X) = Σ c_q X^q 2^{P(n−q)} =
 * g(τ)·2^{P(n+1)}.
 *
 * @internal
 */
export function exactlyNegative(F: Fixed, c: readonly bigint[], X: bigint): boolean {
  const fixedValue = polyEval(F, c, X);
  if (fixedValue >= 0n) return false;
  if (X <= F.ONE && fixedValue < -BigInt(c.length)) return true;
  return exactValue(F, c, X) < 0n;
}

/** Whether the exact g'(X·2^−P) (0 ≤ X) is negative, decided like {@link exactlyNegative}. @internal */
export function slopeNegative(F: Fixed, c: readonly bigint[], X: bigint): boolean {
  const fixedValue = polyDerivEval(F, c, X);
  if (fixedValue >= 0n) return false;
  if (X <= F.ONE && fixedValue < -BigInt(c.length)) return true;
  return exactSlope(F, c, X) < 0n;
}

/** g(X·2^−P)·2^{P(n+1)} = Σ c_q X^q 2^{P(n−q)}, an integer, by homogeneous Horner. */
function exactValue(F: Fixed, c: readonly bigint[], X: bigint): bigint {
  const n = c.length - 1;
  let acc = 0n;
  for (let q = n; q >= 0; q--) acc = acc * X + (c[q]! << (F.bigP * BigInt(n - q)));
  return acc;
}

/** g'(X·2^−P)·2^{Pn} = Σ q·c_q X^{q−1} 2^{P(n−q)}, an integer. */
function exactSlope(F: Fixed, c: readonly bigint[], X: bigint): bigint {
  const n = c.length - 1;
  let acc = 0n;
  for (let q = n; q >= 1; q--) acc = acc * X + ((BigInt(q) * c[q]!) << (F.bigP * BigInt(n - q)));
  return acc;
}

/**
 * The Taylor coefficients E_j of V(M + S) = Σ_j E_j S^j, V(X) = Σ c_q X^q 2^{P(n−q)} (so
 * g((M + S)·2^−P) = V·2^{−P(n+1)}): exact integers, by repeated synthetic division.
 *
 * @internal
 */
export function exactShift(F: Fixed, c: readonly bigint[], M: bigint): bigint[] {
  const n = c.length - 1;
  const a = c.map((v, q) => v << (F.bigP * BigInt(n - q)));
  for (let i = 0; i < n; i++) for (let k = n - 1; k >= i; k--) a[k]! += M * a[k + 1]!;
  return a;
}
