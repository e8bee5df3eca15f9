import { at } from "../../scalar/at.js";
import { fixedToDouble, type Fixed } from "../../scalar/fixedPoint.js";
import { polyDerivEval, polyEval } from "./fixedPolynomial.js";
import { excludeInterval, roomFor } from "./intervalExclusion.js";

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

/** Coefficients this small (in units of the last bit, far below 10^−D) are rounding noise. */
const ROUNDING_LEVEL = 64n;

/**
 * The coefficients as doubles, or undefined when every one is at rounding level: c_q·2^−P,
 * or past 900 fraction bits c_q·2^−900 (g times 2^{P−900}: a positive factor, which no sign
 * and no bound below depends on, keeps every double normal). Either way each is within a
 * relative 2^−53 of its value: Number rounds once and the power of two is exact. One indexed
 * loop: it runs for every monitored pair at every step, mostly before it is optimised.
 */
function toDoubles(F: Fixed, c: readonly bigint[]): number[] | undefined {
  const cd = new Array<number>(c.length);
  let noise = true;
  const scale = 2 ** -Math.min(F.P, 900);
  for (let q = 0; q < c.length; q++) {
    const v = c[q]!;
    if (noise && (v > ROUNDING_LEVEL || v < -ROUNDING_LEVEL)) noise = false;
    cd[q] = Number(v) * scale;
  }
  return noise ? undefined : cd;
}

/** Number of coarse samples per step when scanning for sign changes. */
const SAMPLES = 32;

/**
 * The first τ in (0, τmax] where the polynomial g (fixed-point coefficients in the step
 * variable τ) becomes negative, refined to the last bits, or undefined. A negative g(0) is
 * taken as 0, so a root sitting at the start of the step (the event just handled) is not
 * found again.
 *
 * Undefined is a proof: the exact g is ≥ 0 at every grid point τ = X·2^−P of (0, τmax] (and
 * > 0 between them, but inside a dip narrower than a few grid units, below the grid's
 * resolution). One kind of polynomial is taken as having no event without it: all
 * coefficients at rounding level (at most 64 units: a pre-activation frozen at 0). A root
 * returned is a τ where the fixed-point g is < 0 (its floors may place it a few units early,
 * where the exact g is still ≥ 0), with every grid point before its bracket proven ≥ 0.
 *
 * The proof comes in three tiers, the cheap one first. A bound of g over the whole step
 * (`staysPositive`) settles most pairs, far from their kinks. Then 32 samples in doubles, each
 * with a rigorous lower bound, and between two samples the linear interpolation's error
 * bound M2·h²/8 (M2 ≥ |g''| on the step): this settles the rest of the pairs that do not
 * cross. Where it cannot, `excludeInterval` proves the interval by Taylor forms, in doubles
 * and, where they cannot see, in exact integers, or brackets the first crossing.
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
  const tmax = fixedToDouble(F, tauMax);
  // a grid unit, and the absolute error of fixedToDouble past 900 fraction bits; in the units
  // of cd, also the floor of one step of the fixed-point Horner
  const unit = 2 ** -Math.min(F.P, 900);
  // top ≥ τmax (tmax rounds by 2u and a unit at most)
  const top = tmax * (1 + 2 ** -50) + unit;
  if (staysPositive(cd, top, unit)) return undefined;
  const n = cd.length - 1;
  const room = roomFor(cd.length);
  const grow = 1 + room;
  // M1 ≥ |g'| and M2 ≥ |g''| on [0, top]
  let m1 = 0;
  let m2 = 0;
  for (let q = n; q >= 1; q--) {
    const a = Math.abs(cd[q]!);
    m1 = m1 * top + q * a;
    if (q >= 2) m2 = m2 * top + q * (q - 1) * a;
  }
  m1 *= grow;
  m2 *= grow;
  // The samples are taken at the doubles x_j = tmax·j/32 but stand for the grid points
  // t_j = ⌊τmax·j/32⌋: |x_j − t_j| ≤ 2^−50·tmax + one unit moves g by at most M1 times that.
  const shift = m1 * (2 ** -50 * tmax + unit);
  // the interpolation's error between two samples, h ≥ t_j − t_{j−1}
  const h = (tmax / SAMPLES) * (1 + 2 ** -50) + unit;
  const bow = ((m2 * h * h) / 8) * grow;
  const tauAt = (j: number): bigint => (tauMax * BigInt(j)) / BigInt(SAMPLES);
  const p = { F, c, cd, room };
  // g(0) = g_0 ≥ 0 exactly; its double is within a relative u
  let prevLow = at(cd, 0) * (1 - room);
  for (let j = 1; j <= SAMPLES; j++) {
    const x = (tmax * j) / SAMPLES;
    const g = evalDouble(cd, x);
    // Horner's rounding and the coefficients' conversion: (2n + 2)·u·Σ|g_q|x^q, within the room
    const low = g - (room * evalAbs(cd, x) + shift) * grow;
    if (prevLow > bow && low > bow) {
      prevLow = low;
      continue;
    }
    const a = tauAt(j - 1);
    const b = tauAt(j);
    const bracket = excludeInterval(p, a, b);
    if (bracket !== undefined) {
      // A crossing the samples see is refined on the whole scan interval, as it always was;
      // the bracket, which is sure to hold the first crossing, keeps it only if it lands there.
      if (g < 0 && bracket[1] === b) {
        const r = refine(F, c, a, b);
        if (r >= bracket[0] && r <= b) return r;
      }
      return refine(F, c, bracket[0], bracket[1]);
    }
    prevLow = low;
  }
  return undefined;
}

/**
 * Whether g(τ) ≥ g_0 − Σ_{q≥1} |g_q|·τ^q stays above 0 on [0, top] with room to spare: then no
 * τ there makes g, or its fixed-point value, negative, and the scan can be skipped (most
 * pre-activations are far from their kinks). The room covers the doubles' rounding (relative
 * 1e−12, far above their (2n + 4)·2^−53 below degree 4000) and the floors of the fixed-point
 * Horner (one unit per coefficient).
 */
function staysPositive(cd: readonly number[], top: number, unit: number): boolean {
  const g0 = at(cd, 0);
  if (!(g0 > 0)) return false;
  let tail = 0;
  for (let q = cd.length - 1; q >= 1; q--) tail = (tail + Math.abs(cd[q]!)) * top;
  return g0 - tail > 1e-12 * (g0 + tail) + (cd.length + 2) * unit;
}

/** Safeguarded Newton on g in [a, b] with g(b) < 0: returns the crossing to within a few units of the last bit. @internal */
function refine(F: Fixed, c: readonly bigint[], a: bigint, b: bigint): bigint {
  let x = b;
  // Newton stalls on the non-negative side where the fixed-point g is fuzzy over more units
  // than the nudge below reaches (a shallow slope at many fraction bits); from there the
  // steps gallop towards b, doubling, rather than halve a bracket as wide as the step
  let gallop = 1n;
  for (let it = 0; it < 500 + 2 * F.P; it++) {
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
    if (g >= 0n && newton !== undefined && newton <= a && a + gallop < b) {
      x = a + gallop;
      gallop *= 2n;
      continue;
    }
    x = newton === undefined || newton <= a || newton >= b ? (a + b) / 2n : newton;
  }
  return b;
}
