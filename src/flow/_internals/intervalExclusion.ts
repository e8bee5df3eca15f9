import { fixedToDouble, type Fixed } from "../../scalar/fixedPoint.js";
import { exactlyNegative, exactShift, fixedMinimum, polyEval, slopeNegative } from "./fixedPolynomial.js";

/*
 * Certified exclusion of a root of g(τ) = Σ_q g_q τ^q (g_q = c_q·2^−P) on one interval of grid
 * points [A, B] (τ = X·2^−P): either a proof that g ≥ 0 at every grid point of it, or the
 * first place where that fails, bracketed for Newton.
 *
 * The proof is a Taylor form. Expanded about m, g(m + s) = Σ_j d_j s^j with
 * d_j = Σ_{q≥j} C(q, j)·g_q·m^{q−j}; on |s| ≤ ρ, with e_j ≥ |d_j|,
 *   g ≥ d_0 − Σ_{j≥1} e_j ρ^j,   ±g' ≥ ±d_1 − Σ_{j≥2} j·e_j ρ^{j−1},   ±g'' ≥ ±2d_2 − Σ_{j≥3} j(j−1)·e_j ρ^{j−2}.
 * The first proves g > 0; the second g increasing (then g ≥ g(A) ≥ 0) or decreasing (then
 * g ≥ g(B), and a negative g(B) brackets the one crossing); the third g convex (the minimum
 * is found in fixed point, below) or concave (g ≥ min(g(A), g(B)), one crossing at most).
 * None of them: the interval is halved, the left half first, so the first failure is the
 * first root.
 *
 * The doubles go first. Their coefficients carry a relative error u = 2^−53 (the conversion)
 * and the shift adds at most 2n roundings along any path, so |computed d_j − d_j| ≤
 * (2n + 2)·u·s_j, s_j = Σ_q C(q, j)|g_q| m^{q−j} (computed by the same loop on |g_q|); every
 * sum of the bounds rounds by another (2n)·u of itself. `room` ≥ (8n + 32)·u covers them all:
 * e_j = |d_j| + room·s_j, and the bound side of each comparison is inflated by (1 + room).
 * Where the doubles cannot see g's sign at the centre (|d_0| ≤ 4·room·s_0) or have halved 40
 * times, the decision moves to exact integers: the minimum of a g proven convex by the sign
 * of the exact g' at grid points, else the same three forms from an exact shift; on intervals
 * of at most 8 grid points, each point's exact sign.
 *
 * Precondition everywhere: the exact g(A) ≥ 0 (A is 0 with g_0 ≥ 0, or the end of an interval
 * already proven), which every "proven" answer passes on to B.
 */

/** What the exclusion needs of a polynomial. @internal */
export interface Excluded {
  readonly F: Fixed;
  /** Fixed-point coefficients, g_0 ≥ 0. */
  readonly c: readonly bigint[];
  /** The coefficients as doubles, each within a relative 2^−53 of c_q·2^−P (or of any one positive multiple of the c_q). */
  readonly cd: readonly number[];
  /** The relative room for the doubles' rounding, at least (8n + 32)·2^−53 (see {@link roomFor}). */
  readonly room: number;
}

/** [a, b]: every grid point up to a proven ≥ 0, the fixed-point g(b) < 0, at most one crossing of the exact g between. @internal */
export type Bracket = readonly [bigint, bigint];

/** The doubles' relative room for a polynomial of `length` coefficients: 2^−40, or (8n + 32)·2^−53 past degree 1019. @internal */
export function roomFor(length: number): number {
  return Math.max(2 ** -40, (8 * length + 32) * 2 ** -53);
}

/** Halvings in doubles below a scan interval before the decision moves to exact integers. */
const DOUBLE_DEPTH = 40;

/**
 * Proves g ≥ 0 at every grid point of [A, B] (undefined), or brackets the first where it is
 * not. Precondition: the exact g(A) ≥ 0.
 *
 * @internal
 */
export function excludeInterval(p: Excluded, A: bigint, B: bigint): Bracket | undefined {
  return B <= A ? undefined : excludeDouble(p, A, B, 0);
}

function excludeDouble(p: Excluded, A: bigint, B: bigint, depth: number): Bracket | undefined {
  const { F, cd, room } = p;
  const n = cd.length - 1;
  // centre and radius: fixedToDouble rounds by at most 2u relative, and past 900 fraction
  // bits by 2^−900 more, which the radius covers
  const m = fixedToDouble(F, A + B) / 2;
  const rho = (fixedToDouble(F, B - A) / 2) * (1 + 2 ** -50) + m * 2 ** -50 + 2 ** (1 - Math.min(F.P, 900));
  const d = Float64Array.from(cd);
  const s = Float64Array.from(cd, Math.abs);
  for (let i = 0; i < n; i++) {
    for (let k = n - 1; k >= i; k--) {
      d[k]! += m * d[k + 1]!;
      s[k]! += m * s[k + 1]!;
    }
  }
  // Σ e_j ρ^j, Σ j·e_j ρ^{j−1}, Σ j(j−1)·e_j ρ^{j−2} over the terms each bound leaves out
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  for (let j = n; j >= 1; j--) {
    const e = Math.abs(d[j]!) + room * s[j]!;
    t0 = t0 * rho + e;
    if (j >= 2) t1 = t1 * rho + j * e;
    if (j >= 3) t2 = t2 * rho + j * (j - 1) * e;
  }
  const grow = 1 + room;
  if (d[0]! > (room * s[0]! + t0 * rho) * grow) return undefined;
  const slope = n >= 1 ? (room * s[1]! + t1 * rho) * grow : 0;
  if (n >= 1 && d[1]! > slope) return undefined;
  const bend = n >= 2 ? (2 * room * s[2]! + t2 * rho) * grow : 0;
  if (n >= 1 && (d[1]! < -slope || (n >= 2 && 2 * d[2]! < -bend))) return afterDescent(p, A, B);
  if (B - A <= 8n) return eachPoint(p, A, B);
  if (Math.abs(d[0]!) <= 4 * room * s[0]! || depth >= DOUBLE_DEPTH) {
    return n >= 2 && 2 * d[2]! > bend ? excludeConvex(p, A, B, m) : excludeExact(p, A, B);
  }
  const M = (A + B) >> 1n;
  return excludeDouble(p, A, M, depth + 1) ?? excludeDouble(p, M, B, depth + 1);
}

/**
 * g decreasing (or concave) on [A, B] from g(A) ≥ 0: g ≥ g(B) (or ≥ min(g(A), g(B))), and
 * the fixed-point g(B), never above the exact one, decides; below 0 it brackets the one
 * crossing (a concave g is ≥ 0 on an interval that starts at A).
 */
function afterDescent(p: Excluded, A: bigint, B: bigint): Bracket | undefined {
  return polyEval(p.F, p.c, B) < 0n ? [A, B] : undefined;
}

/** Each grid point's exact sign, for an interval of a few points. */
function eachPoint(p: Excluded, A: bigint, B: bigint): Bracket | undefined {
  for (let X = A + 1n; X <= B; X++) if (exactlyNegative(p.F, p.c, X)) return [X - 1n, X];
  return undefined;
}

/**
 * g convex on [A, B] (proven), its sign at the centre below the doubles' sight: a touch or a
 * dip too shallow for them. g' rises, so the grid unit [L, L + 1] where the exact g' turns
 * from negative to non-negative splits [A, B] into a part where g falls to g(L) and a part
 * where it rises from g(L + 1): their exact signs decide every grid point. Newton in fixed
 * point from the centre places L roughly; bisection on the sign of g' makes it exact.
 */
function excludeConvex(p: Excluded, A: bigint, B: bigint, m: number): Bracket | undefined {
  const { F, c } = p;
  if (!slopeNegative(F, c, A)) return undefined;
  if (slopeNegative(F, c, B)) return afterDescent(p, A, B);
  // g'(lo) < 0 ≤ g'(hi)
  let lo = A;
  let hi = B;
  // Newton's point is off by the floors of g' over g'' (tens to hundreds of units): the
  // bracket widens from it by doubling steps, then halves
  const guess = fixedMinimum(F, c, fromDouble(F, m, A, B), A, B);
  for (let w = 4n; guess - w > lo; w *= 2n) {
    if (slopeNegative(F, c, guess - w)) {
      lo = guess - w;
      break;
    }
  }
  for (let w = 4n; guess + w < hi; w *= 2n) {
    if (!slopeNegative(F, c, guess + w)) {
      hi = guess + w;
      break;
    }
  }
  while (hi - lo > 1n) {
    const mid = (lo + hi) >> 1n;
    if (slopeNegative(F, c, mid)) lo = mid;
    else hi = mid;
  }
  if (exactlyNegative(F, c, lo)) return [A, lo];
  if (exactlyNegative(F, c, hi)) return [lo, hi];
  return undefined;
}

/**
 * The three forms again from an exact shift about the grid point M (radius R in grid units,
 * all integers, so nothing rounds); halves what they leave open, down to a few grid points.
 * Reached only where the doubles see neither a sign nor convexity: a touch at an inflection,
 * or a flat stretch at rounding level.
 */
function excludeExact(p: Excluded, A: bigint, B: bigint): Bracket | undefined {
  if (B - A <= 8n) return eachPoint(p, A, B);
  const M = (A + B) >> 1n;
  const R = B - M;
  const E = exactShift(p.F, p.c, M);
  const n = E.length - 1;
  let t0 = 0n;
  let t1 = 0n;
  let t2 = 0n;
  for (let j = n; j >= 1; j--) {
    const e = E[j]! < 0n ? -E[j]! : E[j]!;
    t0 = t0 * R + e;
    if (j >= 2) t1 = t1 * R + BigInt(j) * e;
    if (j >= 3) t2 = t2 * R + BigInt(j * (j - 1)) * e;
  }
  if (E[0]! > t0 * R) return undefined;
  if (n >= 1 && E[1]! > t1 * R) return undefined;
  if (n >= 1 && (E[1]! < -t1 * R || (n >= 2 && 2n * E[2]! < -t2 * R))) return afterDescent(p, A, B);
  if (n >= 2 && 2n * E[2]! > t2 * R) return excludeConvex(p, A, B, fixedToDouble(p.F, M));
  return excludeExact(p, A, M) ?? excludeExact(p, M, B);
}

/** The grid point nearest to the double x, kept in [A, B]. */
function fromDouble(F: Fixed, x: number, A: bigint, B: bigint): bigint {
  const exponent = Math.max(0, Math.min(F.P, 1000));
  const X = BigInt(Math.round(x * 2 ** exponent)) << BigInt(F.P - exponent);
  return X < A ? A : X > B ? B : X;
}
