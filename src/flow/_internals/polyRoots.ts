import { at } from "../../scalar/at.js";
import { fixedToDouble, type Fixed } from "../../scalar/fixedPoint.js";

/*
 * The Horner loops below run for every monitored pair at every step, dozens of times each
 * in the scan: plain loops, which cost a fraction of reduceRight's callbacks.
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
function polyDerivEval(F: Fixed, c: readonly bigint[], tau: bigint): bigint {
  const P = F.bigP;
  let acc = 0n;
  for (let q = c.length - 1; q >= 1; q--) acc = ((acc * tau) >> P) + BigInt(q) * c[q]!;
  return acc;
}

/** Σ|c_q|·x^q (x ≥ 0): the scale of the rounding of `evalDouble` at x. */
function evalAbs(c: readonly number[], x: number): number {
  let acc = 0;
  for (let q = c.length - 1; q >= 0; q--) acc = acc * x + Math.abs(c[q]!);
  return acc;
}

function evalDouble(c: readonly number[], x: number): number {
  let acc = 0;
  for (let q = c.length - 1; q >= 0; q--) acc = acc * x + c[q]!;
  return acc;
}

function derivDouble(c: readonly number[], x: number): number {
  let acc = 0;
  for (let q = c.length - 1; q >= 1; q--) acc = acc * x + q * c[q]!;
  return acc;
}

/** Coefficients this small (in units of the last bit, far below 10^−D) are rounding noise. */
const ROUNDING_LEVEL = 64n;

/**
 * The coefficients as doubles (`fixedToDouble`), or undefined when every one is at rounding
 * level. One indexed loop with the scale taken once: it runs for every monitored pair at
 * every step, mostly before it is optimised.
 */
function toDoubles(F: Fixed, c: readonly bigint[]): number[] | undefined {
  const cd = new Array<number>(c.length);
  let noise = true;
  // below 900 fraction bits fixedToDouble is this product (above, it shifts first)
  const unit = F.P > 900 ? 0 : 2 ** -F.P;
  for (let q = 0; q < c.length; q++) {
    const v = c[q]!;
    if (noise && (v > ROUNDING_LEVEL || v < -ROUNDING_LEVEL)) noise = false;
    cd[q] = unit === 0 ? fixedToDouble(F, v) : Number(v) * unit;
  }
  return noise ? undefined : cd;
}

/** Number of coarse samples per step when scanning for sign changes. */
const SAMPLES = 32;

/**
 * The first τ in (0, τmax] where the polynomial g (fixed-point coefficients in
 * the step variable τ) becomes negative, refined to the last bits, or
 * undefined. A negative g(0) is taken as 0, so a root sitting at the start
 * of the step (the event just handled) is not found again. A scan of 32
 * points in doubles proposes brackets, which are confirmed in fixed point (so rounding never creates an event); dips below 0
 * between two non-negative samples are caught through the derivative, their minimum
 * decided in fixed point whenever the doubles cannot place it above 0.
 *
 * @internal
 */
export function firstNegative(F: Fixed, coefficients: readonly bigint[], tauMax: bigint): bigint | undefined {
  // At the start of a step z sits on its recorded side; a value of the wrong
  // sign there is rounding (the event just handled), so it counts as 0.
  const c = at(coefficients, 0) < 0n ? [0n, ...coefficients.slice(1)] : coefficients;
  const cd = toDoubles(F, c);
  // A polynomial at rounding level everywhere (a pre-activation frozen at 0,
  // e.g. a neuron whose sliding points span its inputs) has no event.
  if (cd === undefined) return undefined;
  let scale = 0;
  for (let q = 0; q < cd.length; q++) scale = Math.max(scale, Math.abs(cd[q]!));
  if (scale === 0) return undefined;
  const tmax = fixedToDouble(F, tauMax);
  if (staysPositive(F, cd, tmax)) return undefined;
  const tauAt = (j: number): bigint => (tauMax * BigInt(j)) / BigInt(SAMPLES);
  let prevG = Math.max(0, at(cd, 0));
  let prevD = derivDouble(cd, 0);
  let lastNonNeg = 0;
  for (let j = 1; j <= SAMPLES; j++) {
    const x = (tmax * j) / SAMPLES;
    const g = evalDouble(cd, x);
    const dg = derivDouble(cd, x);
    if (g < 0) {
      const b = tauAt(j);
      if (polyEval(F, c, b) < 0n) return refine(F, c, tauAt(j - 1), b);
    } else if (prevG >= 0 && prevD < 0 && dg > 0) {
      // A dip between two non-negative samples: find the minimum in doubles.
      let lo = (tmax * (j - 1)) / SAMPLES;
      let hi = x;
      for (let it = 0; it < 60; it++) {
        const mid = (lo + hi) / 2;
        if (derivDouble(cd, mid) < 0) lo = mid;
        else hi = mid;
      }
      const xm = (lo + hi) / 2;
      // A minimum the doubles cannot place above 0 is decided in fixed point: a shallow dip is a
      // kink crossed and crossed back inside the step, which the doubles' rounding may hide.
      if (evalDouble(cd, xm) <= 1e-12 * scale + cd.length * 2 ** -50 * evalAbs(cd, xm) + (cd.length + 2) * 2 ** -F.P) {
        const b = fixedMinimum(F, c, fixedFromUnit(tauMax, xm / tmax), tauAt(j - 1), tauAt(j));
        if (polyEval(F, c, b) < 0n) return refine(F, c, tauAt(j - 1), b);
      }
    }
    if (g >= 0) lastNonNeg = j;
    prevG = g;
    prevD = dg;
  }
  if (polyEval(F, c, tauMax) < 0n) return refine(F, c, tauAt(lastNonNeg === SAMPLES ? SAMPLES - 1 : lastNonNeg), tauMax);
  return undefined;
}

/**
 * Whether g(τ) ≥ g_0 − Σ_{q≥1} |g_q|·τ^q stays above 0 on [0, τmax] with room to spare: then no
 * τ there makes g, or its fixed-point value, negative, and the scan can be skipped (most
 * pre-activations are far from their kinks). The room covers the doubles' rounding (relative
 * 1e−12, far above theirs) and the floors of the fixed-point Horner (one unit of 2^−P per
 * coefficient).
 */
function staysPositive(F: Fixed, cd: readonly number[], tmax: number): boolean {
  const g0 = at(cd, 0);
  if (!(g0 > 0)) return false;
  let tail = 0;
  for (let q = cd.length - 1; q >= 1; q--) tail = (tail + Math.abs(cd[q]!)) * tmax;
  return g0 - tail > 1e-12 * (g0 + tail) + (cd.length + 2) * 2 ** -F.P;
}

function fixedFromUnit(tauMax: bigint, u: number): bigint {
  const scaled = BigInt(Math.round(Math.min(1, Math.max(0, u)) * 2 ** 40));
  return (tauMax * scaled) >> 40n;
}

/** g''(τ) by Horner in fixed point. */
function polySecondDerivEval(F: Fixed, c: readonly bigint[], tau: bigint): bigint {
  const P = F.bigP;
  let acc = 0n;
  for (let q = c.length - 1; q >= 2; q--) acc = ((acc * tau) >> P) + BigInt(q * (q - 1)) * c[q]!;
  return acc;
}

/**
 * The minimum of g in [a, b] near b0 to the last bits: Newton on g' in fixed point from the
 * doubles' estimate (which places it only to 2^−40 of the step, wider than a dip of depth
 * 10^−30), kept in the bracket; a few steps, as the doubles start it close.
 */
function fixedMinimum(F: Fixed, c: readonly bigint[], b0: bigint, a: bigint, b: bigint): bigint {
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

/** Safeguarded Newton on g in [a, b] with g(b) < 0: returns the crossing to within a few units of the last bit. @internal */
function refine(F: Fixed, c: readonly bigint[], a: bigint, b: bigint): bigint {
  let x = b;
  for (let it = 0; it < 500; it++) {
    const g = polyEval(F, c, x);
    if (g < 0n) b = x;
    else a = x;
    if (b - a <= 2n) return b;
    const dg = polyDerivEval(F, c, x);
    const newton = dg !== 0n ? x - (g << F.bigP) / dg : undefined;
    if (newton !== undefined && newton >= a && newton <= b && (newton > x ? newton - x : x - newton) <= 4n) {
      // Converged inside the bracket, its ends included (from the non-negative side, g = 0 puts
      // the step on a, where bisecting would take P more steps): return the first point on the
      // negative side, nudged to be sure. A step out of the bracket is no convergence: with
      // g(b) < 0 and g rising at b it leaves past b, while the first crossing lies inside.
      for (let k = 0n; k < 64n; k++) if (polyEval(F, c, newton + k) < 0n) return newton + k;
    }
    x = newton === undefined || newton <= a || newton >= b ? (a + b) / 2n : newton;
  }
  return b;
}
