/**
 * The rules of the Taylor flow at the kinks (see docs/theory.md §2.1): which pairs are held on their surfaces
 * and with which constraints, what happens when a pair reaches its kink, when a held pair is released, and the
 * pairs that reach their kinks together or that no event of theirs can move.
 */
import { ConvergenceError, InternalError } from "../../errors.js";
import { layeredTaylorStep, layeredZGradients, type RegionState, type SeriesDynamics } from "../../net/kernels/layeredTaylorSeries.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { at } from "../../scalar/at.js";
import { fabs, fixedToDouble, type Fixed } from "../../scalar/fixedPoint.js";
import type { FlowProblem } from "./flowProblem.js";
import { IndependentSet } from "./independentSet.js";

/**
 * The flow at one instant, as the rules below read it: the problem, θ, the decay (or momentum) terms of its
 * series, and the rounding level of z's coefficients (10^−D), below which a term decides nothing.
 * @internal
 */
export interface KinkInstant {
  readonly p: FlowProblem;
  readonly theta: readonly bigint[];
  readonly decay: SeriesDynamics;
  readonly tolerance: bigint;
}

/**
 * The constrained sliding pairs of a network of any depth: a maximal set of the
 * pairs on their surfaces whose gradients ∇z are linearly independent at θ,
 * chosen greedily layer by layer from the first (a pair's gradient depends on
 * which pairs below it are constrained) by Gram–Schmidt in doubles. A pair left
 * out stays on its surface: its ∇z lies in the span of the constrained ones',
 * whose ż = 0 then gives its ż = 0 too. Deep surfaces are curved, so which pairs are
 * independent changes with θ: the integrator chooses again at every step start. Returns the ∇z of every pair
 * on its surface (key i·units + k), for `sharedSurfaces`.
 * @internal
 */
export function refreshSliding(p: FlowProblem, state: RegionState, theta: readonly bigint[]): Map<number, bigint[]> {
  // A gradient whose new part is below 2^(−P/4) would bring a pivot below 2^(−P/2) to the
  // Gram matrix, and its δ would carry half the working digits: such a pair is left free
  // (z moves by ∇z·θ', tiny), and it leaves its surface when |z| passes the band.
  const independent = new IndependentSet(2 ** (-p.F.P / 2));
  for (let k = 0; k < p.units; k++) {
    state.slidePoints[k] = [];
  }
  const gradients = new Map<number, bigint[]>();
  for (let k = 0; k < p.units; k++) {
    for (let i = 0; i < p.n; i++) {
      if (at(state.side, i)[k] !== 0) continue;
      // (with the pairs below already chosen: the constraints above a pair do not enter its gradient)
      const gradient = at(layeredZGradients(p, theta, state, [[i, k]]), 0);
      gradients.set(i * p.units + k, gradient);
      if (independent.admit(gradient.map((v) => fixedToDouble(p.F, v)))) at(state.slidePoints, k).push(i);
    }
  }
  return gradients;
}

/** A pair (j, k) on the surface of a held pair (i, k) with ∇z_j = c·∇z_i (c in fixed point, never 0). @internal */
export interface Follower {
  j: number;
  c: bigint;
}

/**
 * The pairs that share the surface of a held pair (key i·units + k): the pairs of unit k on their surface that
 * no constraint holds and whose ∇z is a multiple c·∇z of the held pair's (its points' inputs are proportional,
 * as for a bias-free unit of the first layer on scalar inputs). All their z are c·z_i, so the flow has one
 * surface there with the pattern sign(c) on its one side and the opposite on the other, and one Filippov
 * weight λ for them all: each member's slope is λ·s(side +) + (1 − λ)·s(side −). Only the held pair's
 * δ is solved; how the group's coefficient of ∇z_i is split among its members does not change θ′, but
 * whether a λ in [0, 1] gives it does (see `heldSeries`). A pair whose ∇z is in the span of several held
 * pairs (a corner of several surfaces) is in no group.
 * @internal
 */
export function sharedSurfaces(p: FlowProblem, state: RegionState, gradients: ReadonlyMap<number, bigint[]>): Map<number, Follower[]> {
  const groups = new Map<number, Follower[]>();
  const gradient = (i: number, k: number): bigint[] => {
    const g = gradients.get(i * p.units + k);
    if (g === undefined) throw new InternalError(`sharedSurfaces: no gradient of the pair (${i}, ${k}) on its surface`);
    return g;
  };
  for (let k = 0; k < p.units; k++) {
    const held = at(state.slidePoints, k);
    const loose = loosePairs(p, state, k);
    if (held.length === 0 || loose.length === 0) continue;
    for (const j of loose) {
      const g = gradient(j, k);
      for (const i of held) {
        const c = multipleOf(p, g, gradient(i, k));
        if (c === undefined) continue;
        const key = i * p.units + k;
        groups.set(key, [...(groups.get(key) ?? []), { j, c }]);
        break;
      }
    }
  }
  return groups;
}

/** The points of unit k's pairs on their surface that no constraint holds (null pairs aside). */
function loosePairs(p: FlowProblem, state: RegionState, k: number): number[] {
  const held = at(state.slidePoints, k);
  const loose: number[] = [];
  for (let j = 0; j < p.n; j++) if (at(at(state.side, j), k) === 0 && !held.includes(j) && !isNullPair(p, state, j, k)) loose.push(j);
  return loose;
}

/**
 * The first pair on its surface that no constraint holds, shares no held pair's surface (`sharedSurfaces`) and
 * whose ∇z is not at rounding level: its ∇z is in the span of several held pairs', a corner where more surfaces
 * meet than constraints hold (three points of a unit above a layer whose inputs span a plane, all on one
 * pattern). The velocity tangent to them all is unique, but the Filippov weights that give it are not: the flow
 * gives the free pair the slope σ′(0) and judges the held pairs' releases by the weights that follow, while
 * descent's chatter picks others and leaves the corner where those would not (an |x| net held three points of one
 * unit to T = 1/2 and ended 1.24 off descent, which leaves the corner at t ≈ 0.007). A unit at 0 (every point on
 * its kink, see `collapsedUnit`) is no such corner. Undefined when there is none.
 * @internal
 */
export function cornerPair(
  now: KinkInstant,
  state: RegionState,
  gradients: ReadonlyMap<number, bigint[]>,
  groups: ReadonlyMap<number, readonly Follower[]>,
): { i: number; k: number } | undefined {
  const { p, theta, tolerance } = now;
  const P = p.F.bigP;
  const following = new Set([...groups.entries()].flatMap(([key, followers]) => followers.map(({ j }) => j * p.units + (key % p.units))));
  for (let k = 0; k < p.units; k++) {
    if (unitAtZero(p, theta, k, tolerance)) continue;
    for (const i of loosePairs(p, state, k)) {
      if (following.has(i * p.units + k)) continue;
      const g = gradients.get(i * p.units + k);
      if (g === undefined) throw new InternalError(`cornerPair: no gradient of the pair (${i}, ${k}) on its surface`);
      const norm = g.reduce((sum, v) => sum + ((v * v) >> P), 0n);
      if (fixedToDouble(p.F, norm) > 2 ** (-p.F.P / 2)) return { i, k };
    }
  }
  return undefined;
}

/**
 * The first of the pairs `released` (keys i·units + k), let go from their kinks at this instant, whose z is 0 and
 * stays 0 to rounding at every order of its series (to RELEASE_ORDERS, at h = 1): its ∇z is in the span of the held
 * pairs', which keep it on its kink, as at a corner of more surfaces than constraints (`cornerPair`), while the field
 * now takes its slope from the side it was released to (an |x| net held such a pair there and ended 0.36 off
 * descent). Not such a pair: a null pair, a pair of a unit at 0, and one above a layer that reads 0 at its point but
 * for units on their kinks (`kinkAboveKink` gives its side). `z0` is every pair's z now.
 * @internal
 */
export function hiddenOnKink(
  now: KinkInstant,
  state: RegionState,
  z0: readonly (readonly bigint[])[],
  band: bigint,
  released: ReadonlySet<number>,
): { i: number; k: number } | undefined {
  const { p, theta, tolerance } = now;
  const candidates = [...released]
    .map((key): [number, number] => [Math.floor(key / p.units), key % p.units])
    .filter(([i, k]) => {
      const sides = at(state.side, i);
      if (at(sides, k) === 0 || fabs(at(at(z0, i), k)) > band || isNullPair(p, state, i, k) || unitAtZero(p, theta, k, tolerance))
        return false;
      const layer = at(p.unitLayer, k);
      return kinkUnitsFeeding(p, state, theta, { i, layer: layer - 1 }, k - p.unitLayer.indexOf(layer)) === undefined;
    });
  if (candidates.length === 0) return undefined;
  const series = releaseSeries(now, state);
  return candidates.map(([i, k]) => ({ i, k })).find(({ i, k }) => leadingOf(at(at(series, i), k), tolerance).sign === 0);
}

/**
 * The c ≠ 0 (fixed point) for which ∇z `g` is c·`base` to rounding: the part of g off base is at the level of
 * the test that leaves a pair out of the sliding constraints (`refreshSliding`); undefined when there is none.
 */
function multipleOf(p: FlowProblem, g: readonly bigint[], base: readonly bigint[]): bigint | undefined {
  const P = p.F.bigP;
  const dot = (a: readonly bigint[], b: readonly bigint[]): bigint => a.reduce((sum, v, m) => sum + v * at(b, m), 0n) >> P;
  const bb = dot(base, base);
  const gb = dot(g, base);
  if (bb === 0n || gb === 0n) return undefined;
  const c = (gb << P) / bb;
  const rest = g.map((v, m) => v - ((c * at(base, m)) >> P));
  return fixedToDouble(p.F, dot(rest, rest)) > Math.max(2 ** (-p.F.P / 2), 1e-20 * fixedToDouble(p.F, dot(g, g))) ? undefined : c;
}

/**
 * The series that decide a held pair's release, for the pair and the pairs on its surface (`sharedSurfaces`):
 * the group's coefficient D = Σ c·δ of ∇z_i (c = 1 for the pair), its values D± with every member on
 * its side of the surface's side ± (slope above for c > 0 on +, below for c < 0), and B = Σ |c|·back, with
 * D+ − D− = (s+ − s−)·B. The weight λ = (D − D−)/(D+ − D−) holds the group on the surface while it is in
 * [0, 1]; for a pair alone, D = δ and D± = s±·back, so that λ is its own weight.
 * @internal
 */
export function heldSeries(
  p: FlowProblem,
  step: { back: bigint[][][]; delta: bigint[][][] },
  held: { i: number; k: number; Q: number },
  followers: readonly Follower[],
): { back: bigint[]; delta: bigint[]; plus: bigint[]; minus: bigint[] } {
  const { i, k, Q } = held;
  const P = p.F.bigP;
  const { above, below } = p.slopes;
  const back = at(at(step.back, i), k).slice(0, Q);
  const delta = at(at(step.delta, i), k).slice(0, Q);
  const plus = back.map((b) => (above * b) >> P);
  const minus = back.map((b) => (below * b) >> P);
  for (const { j, c } of followers) {
    const bj = at(at(step.back, j), k);
    const dj = at(at(step.delta, j), k);
    const [sPlus, sMinus] = c > 0n ? [above, below] : [below, above];
    for (let q = 0; q < Q; q++) {
      const cb = (c * at(bj, q)) >> P;
      back[q] = at(back, q) + (c > 0n ? cb : -cb);
      delta[q] = at(delta, q) + ((c * at(dj, q)) >> P);
      plus[q] = at(plus, q) + ((sPlus * cb) >> P);
      minus[q] = at(minus, q) + ((sMinus * cb) >> P);
    }
  }
  return { back, delta, plus, minus };
}

/**
 * ż_{k,i} of the first-order field with the given state: the order-1 coefficient of
 * z's series at h = 1; at a state of zero velocity it is also z̈ of the heavy ball.
 * @internal
 */
export function zRate(now: KinkInstant, state: RegionState, i: number, k: number): bigint {
  return at(at(at(layeredTaylorStep(now.p, now.theta, state, now.p.F.ONE, 1, now.decay).Z, i), k), 1);
}

/**
 * The state with pair (i, k) on `side`, its sliding constraints chosen again at θ
 * (in a deep net the pair's slope enters the gradients of the pairs above it).
 * @internal
 */
export function withSide(now: KinkInstant, state: RegionState, i: number, k: number, side: number): RegionState {
  return withSides(now, state, k, [{ j: i, side }]);
}

/**
 * A pair of `onKink` at point i, other than (i, k), in the layer right above or below unit k's and joined to it by
 * a weight that is not 0: one reads the other. Undefined when there is none.
 * @internal
 */
export function linkedOnKink(
  p: FlowProblem,
  theta: readonly bigint[],
  onKink: readonly (readonly [number, number])[],
  i: number,
  k: number,
): number | undefined {
  const weight = (lower: number, upper: number): bigint =>
    at(theta, at(at(p.outSlots, lower), upper - p.unitLayer.indexOf(at(p.unitLayer, lower) + 1)));
  for (const [j, v] of onKink) {
    if (j !== i || v === k) continue;
    const gap = at(p.unitLayer, v) - at(p.unitLayer, k);
    if ((gap === 1 && weight(k, v) !== 0n) || (gap === -1 && weight(v, k) !== 0n)) return v;
  }
  return undefined;
}

/**
 * A pair of point i right above unit k, joined to it by a weight and on its kink too (|z| within `band`: held, or
 * kept at 0 by the held pairs of its unit whose inputs its own input is a combination of), as pair (i, k) crosses
 * its kink: the corner of two surfaces that §2.2's rules do not decide (an |x| net crossed a unit under a held pair
 * of the layer above and ended 0.69 off descent; one under a pair kept at 0 so, where descent slides, 0.0037 off).
 * Where the rest of k's layer reads 0 at point i, the pairs above are at 0 because they read only k and units on
 * their kinks, and take their sides as `cornerAbove` and `slavedAbove` say: none is returned. Undefined when there is none.
 * @internal
 */
export function onKinkAbove(now: KinkInstant, state: RegionState, pair: { i: number; k: number }, band: bigint): number | undefined {
  const { p, theta } = now;
  const { i, k } = pair;
  if (p.unrolled !== undefined) return undefined;
  const layerAbove = at(p.unitLayer, k) + 1;
  const first = p.unitLayer.indexOf(layerAbove);
  const z = at(layeredTaylorStep(p, theta, state, p.F.ONE, 1, now.decay).Z, i);
  const atZero = z.flatMap((c, u): [number, number][] =>
    at(p.unitLayer, u) === layerAbove &&
    fabs(at(c, 0)) <= band &&
    kinkUnitsFeeding(p, state, theta, { i, layer: layerAbove - 1, except: k }, u - first) === undefined
      ? [[i, u]]
      : [],
  );
  return linkedOnKink(p, theta, atZero, i, k);
}

/**
 * Where z_{k,i} goes under the field in which the pairs `onKink` (pair (i, k) among them), each on its kink and held
 * by no constraint, take the slope σ′(0): where descent's first steps from those kinks take z. The sign of the first
 * term of z's series beyond rounding (`leadingTerm`), 0 when none is.
 * @internal
 */
export function zLeadAtZeroSlope(
  now: KinkInstant,
  state: RegionState,
  onKink: readonly (readonly [number, number])[],
  i: number,
  k: number,
): number {
  return leadingTerm(now, atZeroSlope(state, onKink), i, k).sign;
}

/**
 * The state with the pairs `onKink` on their kinks (side 0) and held by no constraint, so that each takes the
 * slope σ′(0), as descent's step from there does.
 * @internal
 */
export function atZeroSlope(state: RegionState, onKink: readonly (readonly [number, number])[]): RegionState {
  const copy: RegionState = {
    ...state,
    side: state.side.map((r) => [...r]),
    slidePoints: state.slidePoints.map((r, u) => r.filter((j) => !onKink.some(([a, b]) => a === j && b === u))),
  };
  for (const [a, b] of onKink) at(copy.side, a)[b] = 0;
  return copy;
}

/**
 * The state with pairs (j, k) on their given sides, its sliding constraints chosen again at θ. A pair put on
 * (side 1) at the instant its z is 0 takes the pairs above that read nothing else with it (`slavedAbove`).
 */
function withSides(now: KinkInstant, state: RegionState, k: number, sides: readonly { j: number; side: number }[]): RegionState {
  const copy: RegionState = {
    ...state,
    side: state.side.map((r) => [...r]),
    slidePoints: state.slidePoints.map((r) => [...r]),
  };
  for (const { j, side } of sides) at(copy.side, j)[k] = side;
  for (const { j, side } of sides)
    if (side === 1) for (const { u, side: above } of slavedAbove(now.p, copy, now.theta, j, k)) at(copy.side, j)[u] = above;
  refreshSliding(now.p, copy, now.theta);
  return copy;
}

/**
 * The pairs above pair (j, k) that read nothing but unit k at point j: under a slope of 0 below the kink and
 * without a bias above, where every other unit of k's layer is off at j (or on its kink with a weight of 0 to
 * the pair), z_{j,u} = w·h_k. As unit k comes on from its kink (h_k from 0 up), each such z leaves 0 to the side
 * of sign(w), and the field on unit k's far side is the one with them there: taken with them on their old side,
 * it is a field that descent, whose z_{j,u} has the sign of w whenever h_k > 0, never sees (a ReLU 2 → 2 → 3 → 1
 * net that crossed unit k with them off, then held them on their kinks, ended 0.006 off descent). Returns each
 * with that side.
 * @internal
 */
export function slavedAbove(
  p: FlowProblem,
  state: RegionState,
  theta: readonly bigint[],
  j: number,
  k: number,
): { u: number; side: number }[] {
  if (p.unrolled !== undefined || p.slopes.below !== 0n) return [];
  const layer = at(p.unitLayer, k);
  const first = p.unitLayer.indexOf(layer + 1);
  if (first < 0 || p.layout.bias[layer] === true) return [];
  const sides = at(state.side, j);
  const below = p.unitLayer.indexOf(layer);
  const others = Array.from({ length: first - below }, (_, v) => below + v).filter((v) => v !== k && !isNullPair(p, state, j, v));
  if (others.some((v) => at(sides, v) === 1)) return [];
  const out: { u: number; side: number }[] = [];
  for (const [m, slot] of at(p.outSlots, k).entries()) {
    const w = at(theta, slot);
    if (w === 0n) continue;
    if (others.some((v) => at(sides, v) === 0 && at(theta, at(at(p.outSlots, v), m)) !== 0n)) continue;
    out.push({ u: first + m, side: w > 0n ? 1 : -1 });
  }
  return out;
}

/**
 * What happens when z_{k,i} reaches 0: with ż± the rate of z under the field
 * of each side, the flow crosses when the field of the far side carries on
 * (enter: ż+ > 0, leave: ż− < 0), and slides when both fields point into
 * the surface (ż+ ≤ 0 ≤ ż−). A far-side ż within `tolerance` of 0 (the far field
 * tangent to the surface, as just after another pair's release) is rounding: the
 * first term of that side's series beyond it decides, as at a release, and only
 * when there is none does the sign of ż. Returns the order that decided too.
 * @internal
 */
export function decideAtKink(
  now: KinkInstant,
  state: RegionState,
  pair: { i: number; k: number; from: number },
): { kind: "enter" | "leave" | "slide"; order: number } {
  const { i, k, from } = pair;
  const far = withSide(now, state, i, k, -from);
  const rate = zRate(now, far, i, k);
  const lead = fabs(rate) > now.tolerance ? { sign: rate > 0n ? 1 : -1, order: 1 } : leadingTerm(now, far, i, k);
  const sign = lead.sign !== 0 ? lead.sign : rate > 0n ? 1 : rate < 0n ? -1 : 0;
  if (sign !== -from) return { kind: "slide", order: lead.order };
  return { kind: from < 0 ? "enter" : "leave", order: lead.order };
}

/** How many orders of z's series the release test reads when the first ones are at rounding level. */
const RELEASE_ORDERS = 4;

/**
 * Where z_{k,i} goes from z = 0 under the field of `state`: the sign of the first coefficient of its
 * series (orders 1 … RELEASE_ORDERS) beyond `tolerance`, with that order; sign 0 when none is.
 * @internal
 */
export function leadingTerm(now: KinkInstant, state: RegionState, i: number, k: number): { sign: number; order: number } {
  return leadingOf(at(at(releaseSeries(now, state), i), k), now.tolerance);
}

/** z's series of every pair under the field of `state`, to RELEASE_ORDERS, at h = 1. */
function releaseSeries(now: KinkInstant, state: RegionState): bigint[][][] {
  return layeredTaylorStep(now.p, now.theta, state, now.p.F.ONE, RELEASE_ORDERS, now.decay).Z;
}

/** The sign and order of the first coefficient of z's series (orders ≥ 1, at h = 1) beyond `tolerance`; sign 0 when none is. */
function leadingOf(z: readonly bigint[], tolerance: bigint): { sign: number; order: number } {
  for (let q = 1; q < z.length; q++) {
    const c = at(z, q);
    if (fabs(c) > tolerance) return { sign: c > 0n ? 1 : -1, order: q };
  }
  return { sign: 0, order: 0 };
}

/**
 * Whether ∇z of pair (i, k) lies in the span of the constrained pairs of `state` (chosen as
 * `refreshSliding` does): then their constraints keep its z on the surface whichever side it is on.
 */
function inHeldSpan(now: KinkInstant, state: RegionState, i: number, k: number): boolean {
  const { p } = now;
  const held = state.slidePoints.flatMap((points, u) => points.map((j): [number, number] => [j, u]));
  const gradients = layeredZGradients(p, now.theta, state, [...held, [i, k]]).map((g) => g.map((v) => fixedToDouble(p.F, v)));
  const independent = new IndependentSet(2 ** (-p.F.P / 2));
  for (const g of gradients.slice(0, -1)) independent.admit(g);
  return !independent.admit(at(gradients, held.length));
}

/**
 * Where a held pair goes when its Filippov weight leaves [0, 1] toward `side`, read from z's series
 * under each one-sided field (with the pair on that side). At a release point the one-sided ż of
 * `side` is 0 in exact arithmetic, so its computed value is rounding whose sign means nothing, and z̈
 * (or the next term) tells. The pair leaves to `side` when that series leaves the surface; when it
 * turns back, the field of the other side decides: the pair crosses there when that field carries z
 * away too, and stays held when it points into the surface. When no term is beyond rounding the flow
 * is tangent to the surface to every order read (a slide that tends to a release it never reaches,
 * say), and the pair stays held. Returns the side and the order that decided (0: z frozen on the
 * surface by the other constraints, released as one left out of them), or undefined to keep it held.
 * @internal
 */
export function releaseDecision(
  now: KinkInstant,
  state: RegionState,
  pair: { i: number; k: number; side: number; followers: readonly Follower[] },
): { sides: { j: number; side: number }[]; order: number } | undefined {
  const { i, k, side, followers } = pair;
  // the pairs on the held pair's surface go with it, each to the side of sign(c) on the surface's side
  const way = (s: number) => [{ j: i, side: s }, ...followers.map(({ j, c }) => ({ j, side: c > 0n ? s : -s }))];
  const released = withSides(now, state, k, way(side));
  if (inHeldSpan(now, released, i, k)) return { sides: way(side), order: 0 };
  const toward = leadingTerm(now, released, i, k);
  if (toward.sign === side) return { sides: way(side), order: toward.order };
  if (toward.sign === 0) return undefined;
  const other = leadingTerm(now, withSides(now, state, k, way(-side)), i, k);
  return other.sign === -side ? { sides: way(-side), order: other.order } : undefined;
}

/**
 * The sign (±1) of the first coefficient of a series in the step variable beyond `tolerance` (scaled to
 * the step, ×h per order), or of its constant term when none is.
 * @internal
 */
export function leadingSign(F: Fixed, c: readonly bigint[], tolerance: bigint, h: bigint): bigint {
  const sign = strictLeadingSign(F, c, tolerance, h);
  return sign !== 0n ? sign : at(c, 0) >= 0n ? 1n : -1n;
}

/**
 * The sign (±1) of the first coefficient of a series in the step variable beyond `tolerance` (scaled to
 * the step, ×h per order), or 0 when every one is within it.
 * @internal
 */
export function strictLeadingSign(F: Fixed, c: readonly bigint[], tolerance: bigint, h: bigint): bigint {
  let scaled = tolerance;
  for (const v of c) {
    if (fabs(v) > scaled) return v > 0n ? 1n : -1n;
    scaled = (scaled * h) >> F.bigP;
  }
  return 0n;
}

/**
 * side·z in the step variable for a pair that left its surface at the start of the step (a release, or a
 * crossing decided past a tangent ż) on a term of order `order`, its orders 1 … order − 1 at rounding
 * level there: a negative coefficient of those orders within the tolerance
 * (scaled to the step, ×h per order) is taken as 0, its exact value at the release point. Read as it is,
 * it would dip across the surface for a time far below the rounding of t and bring the pair back at
 * once; the order that decided the release carries z away.
 * @internal
 */
export function departingSeries(F: Fixed, g: readonly bigint[], order: number, tolerance: bigint, h: bigint): bigint[] {
  const out = [...g];
  let scaled = tolerance;
  for (let q = 1; q < order; q++) {
    scaled = (scaled * h) >> F.bigP;
    const c = at(out, q);
    if (c < 0n && -c <= scaled) out[q] = 0n;
  }
  return out;
}

/**
 * The points at which unit k reaches its kink together with point i (|z| within `band`, on a side, not null),
 * when they share one surface there: a layer below maps them to proportional inputs, so the unit's weights pass
 * through a value that zeroes all of them at once. Crossed one at a time, each would be judged under a field in
 * which the others have not crossed. When every one of them, with all of them on their far sides, moves away
 * from the kink on its new side (by the first term of its series beyond `tolerance`), they cross together:
 * returns each point with its new side and that term's order; undefined for fewer than two, or when not all of
 * them are carried across (the pairs are then taken one at a time).
 * @internal
 */
export function crossTogether(
  now: KinkInstant,
  state: RegionState,
  at0: { i: number; k: number },
  band: bigint,
): { j: number; side: number; order: number }[] | undefined {
  const { i, k } = at0;
  const z0 = layeredTaylorStep(now.p, now.theta, state, now.p.F.ONE, 1, now.decay).Z;
  // only the points on point i's own surface: one at z = 0 on another surface (a ReLU pair that reads one input
  // through a weight of 0, say) is not carried across by i's crossing (taken with it, a ReLU net turned two such
  // pairs on, whose weight descent keeps at 0, and ended 0.0076 off descent)
  const group = [i, ...otherPointsOnKink(now.p, state, z0, at0, band).filter((j) => shareSurface(now, state, k, [i, j]))];
  if (group.length < 2) return undefined;
  const across = carriedAway(
    now,
    state,
    k,
    group.map((j) => ({ j, side: -at(at(state.side, j), k) })),
  );
  if (across !== undefined) return across;
  // One surface, which the field across does not carry them past: where the field on their side does not carry
  // them back either, both point into it, and they slide on it together, with one weight (`sharedSurfaces`).
  // Taken one at a time, the first crossed alone, to a side its twins' z (the same z) was not on.
  const back = carriedAway(
    now,
    state,
    k,
    group.map((j) => ({ j, side: at(at(state.side, j), k) })),
  );
  return back === undefined ? group.map((j) => ({ j, side: 0, order: 1 })) : undefined;
}

/** Whether the pairs (j, k) of `group` share one surface: every ∇z a multiple of the first's, to rounding. */
function shareSurface(now: KinkInstant, state: RegionState, k: number, group: readonly number[]): boolean {
  const [base, ...rest] = layeredZGradients(
    now.p,
    now.theta,
    state,
    group.map((j) => [j, k] as [number, number]),
  );
  return rest.every((g) => multipleOf(now.p, g, base!) !== undefined);
}

/** The points j ≠ i at which unit k is on a side (not held, not null) with |z| (order 0 of `Z`) within `band`. */
function otherPointsOnKink(
  p: FlowProblem,
  state: RegionState,
  Z: readonly (readonly (readonly bigint[])[])[],
  at0: { i: number; k: number },
  band: bigint,
): number[] {
  const { i, k } = at0;
  const out: number[] = [];
  for (let j = 0; j < p.n; j++) {
    if (j === i || at(at(state.side, j), k) === 0 || isNullPair(p, state, j, k)) continue;
    if (fabs(at(at(at(Z, j), k), 0)) <= band) out.push(j);
  }
  return out;
}

/**
 * With the pairs (j, k) of `way` on their sides, each pair's side and the order of the first term of its z
 * beyond `tolerance`, when that term carries every one of them away from the kink on its side; undefined when
 * it does not carry one of them.
 */
function carriedAway(
  now: KinkInstant,
  state: RegionState,
  k: number,
  way: readonly { j: number; side: number }[],
): { j: number; side: number; order: number }[] | undefined {
  const Z = releaseSeries(now, withSides(now, state, k, way));
  const out: { j: number; side: number; order: number }[] = [];
  for (const { j, side } of way) {
    const lead = leadingOf(at(at(Z, j), k), now.tolerance);
    if (lead.sign !== side) return undefined;
    out.push({ j, side, order: lead.order });
  }
  return out;
}

/**
 * The other points at which neuron k sits on its kink when the flow starts to slide on it at point i:
 * their |z| is within `band` (a bias-free neuron of the first layer whose weights reach 0 is on its
 * kink at every point at once). They are put on the surface too (side 0), where the pairs whose ∇z
 * is in the span of the constrained ones' stay; a pair above that reads one of them then nests. A pair
 * that the field with point i held carries off to its own side (by the first term of its series beyond
 * `tolerance`, as at a release) is not on the surface after this instant, and is left on its side: it
 * may have left the surface at this very instant.
 * @internal
 */
export function alsoOnKink(now: KinkInstant, state: RegionState, at0: { i: number; k: number }, band: bigint): number[] {
  const { k } = at0;
  refreshSliding(now.p, state, now.theta);
  const Z = releaseSeries(now, state);
  const out = otherPointsOnKink(now.p, state, Z, at0, band).filter(
    (j) => leadingOf(at(at(Z, j), k), now.tolerance).sign !== at(at(state.side, j), k),
  );
  for (const j of out) at(state.side, j)[k] = 0;
  return out;
}

/**
 * Whether z_{k,i} is 0 whatever θ does while the pattern below holds, so that no event of it is watched: its
 * layer's input at point i is 0 and its unit has no bias. In the first hidden layer, x̃_i = 0; above it (fully
 * connected), every unit of the layer below is such a pair itself (σ(0) = 0 under every activation) or, with a
 * slope of 0 below the kink, off at point i. Its slope then reaches nothing: it multiplies an input of 0, and the
 * error it sends back reaches weights only through inputs of 0 (every unit below is off or reads 0 itself). Under
 * |x| such a pair was held on its kink with the others of its unit, a constraint that descent, whose z there is
 * exactly 0 throughout, never feels.
 * @internal
 */
export function isNullPair(p: FlowProblem, state: RegionState, i: number, k: number): boolean {
  const layer = at(p.unitLayer, k);
  if (layer === 1) return at(p.nullPoint, i);
  if (p.unrolled !== undefined || p.layout.bias[layer - 1] === true) return false;
  for (let u = p.unitLayer.indexOf(layer - 1); u < p.unitLayer.indexOf(layer); u++)
    if (!isNullPair(p, state, i, u) && !(p.slopes.below === 0n && at(at(state.side, i), u) === -1)) return false;
  return true;
}

/**
 * The units of hidden layer `layer`, `except` aside, on their kinks at point i (side 0) that feed pair m of the layer
 * above (a weight that is not 0), when every other unit that feeds it reads 0 there too (a null pair, or off under a
 * slope of 0 below the kink) and that layer has no bias: pair m then reads nothing but `except` and those units. A
 * unit that reads something through a weight of 0 feeds it nothing (which holds while that weight is 0: the flow asks
 * again at every step). Undefined when a unit feeds it more, or there is no such layer below or above.
 */
function kinkUnitsFeeding(
  p: FlowProblem,
  state: RegionState,
  theta: readonly bigint[],
  below: { i: number; layer: number; except?: number },
  m: number,
): number[] | undefined {
  const { i, layer, except } = below;
  if (p.unrolled !== undefined || layer < 1 || p.unitLayer.indexOf(layer + 1) < 0 || p.layout.bias[layer] === true) return undefined;
  const sides = at(state.side, i);
  const onKink: number[] = [];
  for (let v = p.unitLayer.indexOf(layer); v < p.unitLayer.indexOf(layer + 1); v++) {
    if (v === except || isNullPair(p, state, i, v) || at(theta, at(at(p.outSlots, v), m)) === 0n) continue;
    const side = at(sides, v);
    if (side === 0) onKink.push(v);
    else if (!(side === -1 && p.slopes.below === 0n)) return undefined;
  }
  return onKink;
}

/**
 * The signs that Σ_v w_v·σ(z_v) can take near z = 0 for the units on side 0 (on their kinks: either side) with the others
 * on their `side`: each term's weight sign times σ's sign on a side it can take (1 above; below, the sign of −slope:
 * 0 under ReLU, 1 under |x|, −1 under a leaky slope), since any one term can outweigh the others.
 * @internal
 */
export function signsOfSum(terms: readonly { w: number; side: number }[], slopeBelow: number): Set<number> {
  const below = -Math.sign(slopeBelow);
  const signs = new Set<number>();
  for (const { w, side } of terms)
    for (const s of side === 0 ? [1, -1] : [side]) {
      const sign = Math.sign(w) * (s > 0 ? 1 : below);
      if (sign !== 0) signs.add(sign);
    }
  return signs;
}

/** `signsOfSum` for pair m of the layer above units `sides` (unit → side), with their weights to it in θ. */
function signsAbove(p: FlowProblem, theta: readonly bigint[], m: number, sides: ReadonlyMap<number, number>): Set<number> {
  const terms = [...sides].map(([v, side]) => {
    const w = at(theta, at(at(p.outSlots, v), m));
    return { w: w > 0n ? 1 : w < 0n ? -1 : 0, side };
  });
  return signsOfSum(terms, p.slopes.below > 0n ? 1 : p.slopes.below < 0n ? -1 : 0);
}

/**
 * A pair above a layer that reads 0 at point i but for units on their kinks: with no bias above, z_{i,u} = Σ w·σ(z_v)
 * over those units, 0 while they stay there. Near them, z takes the signs of w·σ on their two sides (`signsAbove`):
 * where that is one sign (one unit under ReLU, whose near side reads nothing, or under |x|, σ ≥ 0 on both sides; or
 * several whose weights agree), the pair is on that side on the units' far sides, and the fields that decide their
 * slides and releases are right with it there. Returns the first pair that is not, with that side (`side`), or
 * whose sign depends on which sides the units take (`shared`: weights of both signs, or one unit under a leaky
 * slope, whose σ changes sign with z); undefined when there is none.
 * @internal
 */
export function kinkAboveKink(
  p: FlowProblem,
  state: RegionState,
  theta: readonly bigint[],
): { point: number; lower: number; upper: number; side: number; shared: boolean } | undefined {
  if (p.unrolled !== undefined) return undefined;
  for (let i = 0; i < p.n; i++) {
    const sides = at(state.side, i);
    for (let k = 0; k < p.units; k++) {
      if (at(sides, k) !== 0 || isNullPair(p, state, i, k)) continue;
      const first = p.unitLayer.indexOf(at(p.unitLayer, k) + 1);
      for (const [m, slot] of at(p.outSlots, k).entries()) {
        const u = first + m;
        const others = kinkUnitsFeeding(p, state, theta, { i, layer: at(p.unitLayer, k), except: k }, m);
        if (others === undefined || at(theta, slot) === 0n || at(sides, u) === 0) continue;
        const signs = [...signsAbove(p, theta, m, new Map([k, ...others].map((v) => [v, 0])))];
        const side = at(signs, 0);
        if (signs.length > 1 || at(sides, u) !== side) return { point: i, lower: k, upper: u, side, shared: signs.length > 1 };
      }
    }
  }
  return undefined;
}

/**
 * A pair above pair (i, k), which leaves its kink to its side at this instant, whose sign there depends on how unit
 * k and units beside it on their kinks leave 0 together: at this instant every unit of k's layer reads 0 at point i
 * but those on their kinks, and the pair above reads them with weights that give z both signs near there
 * (`signsAbove`, with unit k on its new side). The field that holds those units on their kinks changes with that
 * sign, so whether they stay is not decided by their one-sided fields (an |x| net crossed unit k while holding the
 * other unit of its layer, and ended 0.092 off descent, which leaves the kink there). Undefined when there is none.
 * @internal
 */
export function cornerAbove(
  p: FlowProblem,
  state: RegionState,
  theta: readonly bigint[],
  i: number,
  k: number,
): { point: number; lower: number; upper: number } | undefined {
  if (p.unrolled !== undefined) return undefined;
  const first = p.unitLayer.indexOf(at(p.unitLayer, k) + 1);
  for (let m = 0; m < at(p.outSlots, k).length; m++) {
    const others = kinkUnitsFeeding(p, state, theta, { i, layer: at(p.unitLayer, k), except: k }, m);
    if (others === undefined || others.length === 0) continue;
    const sides = new Map([[k, at(at(state.side, i), k)], ...others.map((v): [number, number] => [v, 0])]);
    if (signsAbove(p, theta, m, sides).size > 1) return { point: i, lower: k, upper: first + m };
  }
  return undefined;
}

/** The input of unit k's layer at point i at the start, exactly: x_i, or σ of the layer below, then 1 for a bias. @internal */
export function unitInputs(
  p: FlowProblem,
  X: readonly (readonly string[])[],
  Z: readonly (readonly Rational[])[],
  sigma: (z: Rational) => Rational,
  i: number,
  k: number,
): Rational[] {
  const layer = at(p.unitLayer, k);
  const below =
    layer === 1
      ? at(X, i).map((v) => exact.parse(v))
      : at(Z, i)
          .slice(p.unitLayer.indexOf(layer - 1), p.unitLayer.indexOf(layer))
          .map(sigma);
  return p.layout.bias[layer - 1] === true ? [...below, exact.one] : below;
}

/**
 * Where the flow goes from a start at which several points of unit k are on its kink (`points`, with their layer
 * inputs). Where the inputs are multiples of one vector v, the points' z_i = c_i·(w·v) share one surface w·v = 0,
 * with the pattern sign(c_i) on one side and its opposite on the other: the flow crosses to the side whose field
 * carries every z_i away (by the first term of its series beyond `tolerance`) when the other side's field brings
 * them to it, and slides when neither side carries them away (side 0 for every point: the pairs then slide as one
 * group, see `sharedSurfaces`). A point whose input is 0 is on no
 * side of the surface and is left to its own test; so are all of them when fewer than two others remain, or when
 * the inputs span more than one direction and the unit has weights (several surfaces through the start).
 * Where both sides carry the points away, or one does and the other's field is tangent to the surface, the flow is
 * not unique, and the way descent's first step takes (every slope at σ′(0)) is chosen: staying on the side of σ′(0)
 * where that field leaves the points on the surface. Returns undefined when none is decided here. Where that σ′(0) is
 * the slope of neither side (|x|) and both sides
 * carry the points away, or the unit has every incoming weight and its bias 0 (`frozen`, all of its points on its
 * kink at once, under a leaky activation: with σ′(0) = 0 the caller keeps such a unit where it is) and the inputs
 * span more than one direction (a corner where several surfaces meet), the way out is not one that a test of the
 * pairs decides: a ConvergenceError says so.
 * @internal
 */
export function sharedSurfaceStart(
  now: KinkInstant,
  state: RegionState,
  unit: { k: number; points: readonly number[]; inputs: readonly (readonly Rational[])[]; frozen: boolean },
): { j: number; side: number }[] | undefined {
  const { p } = now;
  const { k, points, frozen } = unit;
  const refuse = (why: string): ConvergenceError =>
    new ConvergenceError(
      "taylor",
      "t = 0",
      `${neuronName(p, k)} starts with ${frozen ? "every incoming weight and its bias 0, so every point is" : "several points"} on its kink at once, and ${why}`,
      {
        field: "method",
        change: "try another",
      },
    );
  // a point whose input is 0 is on no side of the surface (its z moves with the layers below): its own test decides it
  const nonzero = points.flatMap((j, n) => (at(unit.inputs, n).every((a) => exact.sign(a) === 0) ? [] : [{ j, x: at(unit.inputs, n) }]));
  if (nonzero.length < 2) return undefined;
  const v = at(nonzero, 0).x;
  const parallel = nonzero.every(({ x }) => x.every((a, r) => x.every((b, c) => exact.eq(exact.mul(a, at(v, c)), exact.mul(b, at(v, r))))));
  if (!parallel) {
    if (frozen) throw refuse("its points' inputs span more than one direction, where the way out is not decided one point at a time");
    return undefined;
  }
  const members = nonzero.map(({ j, x }) => ({
    j,
    plus: exact.sign(x.reduce((sum, a, r) => exact.add(sum, exact.mul(a, at(v, r))), exact.zero)),
  }));
  const ways = [1, -1].map((s) => members.map(({ j, plus }) => ({ j, side: s * plus })));
  const carried = ways.map((way) => carriedAway(now, state, k, way));
  const first = at(members, 0).j;
  // where the first point goes under the field of the other side (the points' z are multiples of one another)
  const from = (s: number): number => leadingTerm(now, withSides(now, state, k, at(ways, s > 0 ? 1 : 0)), first, k).sign;
  const [plus, minus] = carried;
  if (plus === undefined && minus === undefined) return members.map(({ j }) => ({ j, side: 0 }));
  // one side carries the points away and the other's field brings them to it: they cross
  if (minus === undefined && from(1) > 0) return plus;
  if (plus === undefined && from(-1) < 0) return minus;
  // Otherwise the flow is not unique there: both sides carry the points away (the surface repels), or one does and
  // the other's field is tangent to the surface. Descent, whose first step takes every point's slope at σ′(0),
  // goes where that field takes the first point, and stays where it leaves it on the surface, as a pair alone does
  // (its own test keeps it on the side of σ′(0) unless both fields carry it across). With a σ′(0) of neither side
  // (|x|) no rule does, but for one side that carries the points away while the other's field is tangent.
  const atZero = p.slopes.atZero === p.slopes.below ? -1 : p.slopes.atZero === p.slopes.above ? 1 : 0;
  if (atZero === 0) {
    if (plus !== undefined && minus !== undefined)
      throw refuse("the flow can leave it to either side of its surface, which no rule of the flow decides");
    return plus ?? minus;
  }
  const descent = members.map(({ j }) => ({ j, side: atZero }));
  const lead = leadingTerm(now, withSides(now, state, k, descent), first, k).sign;
  if (lead === 0) return descent;
  const way = [plus, minus].find((w) => w !== undefined && at(w, 0).side === lead);
  if (way === undefined) throw refuse("the flow can leave it to either side of its surface, which no rule of the flow decides");
  return way;
}

/**
 * Whether every incoming weight and the bias of hidden neuron k are within `tolerance` of 0 (0n: exactly 0),
 * so that every point is on its kink at once. Fully connected networks only (a channel's slots are not a unit's).
 * @internal
 */
export function unitAtZero(p: FlowProblem, theta: readonly bigint[], k: number, tolerance: bigint): boolean {
  return p.unrolled === undefined && at(p.inSlots, k).every((slot) => fabs(at(theta, slot)) <= tolerance);
}

/** A flat kink unit as "neuron u of layer l", or "channel j at position x of layer l" (all from 1). @internal */
export function neuronName(p: FlowProblem, k: number): string {
  const layer = at(p.unitLayer, k);
  const u = k - p.unitLayer.indexOf(layer);
  const positions = p.unrolled?.layers[layer - 1]?.positions ?? 1;
  if (positions === 1) return `neuron ${u + 1} of layer ${layer}`;
  return `channel ${Math.floor(u / positions) + 1} at position ${(u % positions) + 1} of layer ${layer}`;
}
