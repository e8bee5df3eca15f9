import { ConvergenceError } from "../errors.js";
import type { Dataset } from "../net/readDataset.js";
import { forward } from "../net/forward.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { exact } from "../scalar/exact.js";
import { fixedToDouble, fdiv, fabs, type Fixed } from "../scalar/fixedPoint.js";
import { layeredTaylorStep, type RegionState, type SeriesDynamics, type TaylorStep } from "../net/kernels/layeredTaylorSeries.js";
import type { FlowProblem } from "./_internals/flowProblem.js";
import { assertBounded } from "./_internals/assertBounded.js";
import { assertStaysAtZero } from "./_internals/collapsedUnit.js";
import { heavyBallResidual } from "./_internals/heavyBallResidual.js";
import { OutputSignWatch } from "./_internals/outputSignWatch.js";
import { polyEval } from "./_internals/fixedPolynomial.js";
import { firstNegative } from "./_internals/polyRoots.js";
import {
  alsoOnKink,
  crossTogether,
  decideAtKink,
  departingSeries,
  type Follower,
  heldSeries,
  hiddenOnKink,
  isNullPair,
  type KinkInstant,
  cornerAbove,
  cornerPair,
  kinkAboveKink,
  leadingSign,
  leadingTerm,
  linkedOnKink,
  onKinkAbove,
  strictLeadingSign,
  unitAtZero,
  neuronName,
  slavedAbove,
  zLeadAtZeroSlope,
  refreshSliding,
  releaseDecision,
  sharedSurfaces,
  unitInputs,
  withSide,
  zRate,
  sharedSurfaceStart,
} from "./_internals/kinkRules.js";
import {
  applySwitch,
  assertTieAlone,
  decideAtSwitch,
  firstSwitch,
  firstTieRelease,
  initialSelection,
  releaseTie,
  settleInitialTies,
  startTie,
  switchUnit,
  type PoolSwitch,
  type TieRelease,
} from "./_internals/poolSwitchWatch.js";
import { networkIn } from "../net/networkIn.js";
import { activationFunctions } from "../net/activationFunctions.js";
import { sampleTimes, TrajectoryMonitor, type RawEvent, type RawTrajectory } from "./_internals/trajectory.js";
import { at } from "../scalar/at.js";

/** Options of {@link taylorFlow}. @internal */
export interface TaylorFlowOptions {
  T: bigint;
  digits: number;
  samples: number;
  /** The exact initial network and data, to decide the initial activation pattern without rounding. */
  exactNet: LayeredNetwork<string>;
  exactData: Dataset<string>;
  onProgress?: ((fraction: number) => void) | undefined;
  /** Series order; default ⌈1.1513(D + 4)⌉ + 1 (Jorba–Zou: step ≈ radius/e²). */
  order?: number | undefined;
  /** Upper bound on steps + events before giving up (default 200000). */
  maxSteps?: number | undefined;
  /** Weight decay λ ≥ 0 in fixed point: θ' = −∇L(θ) − λθ (default 0n). */
  decay?: bigint | undefined;
  /** false: the decay skips the biases (PyTorch parameter groups); c_k then follows ċ_k = −2λ(c_k − b_k²), checked at every step. */
  biasDecay?: boolean | undefined;
  /** Friction γ ≥ 0 in fixed point of the heavy ball θ'' + γθ' + ∇L(θ) = 0 with θ'(0) = 0; undefined for a first-order flow. */
  momentum?: bigint | undefined;
}

/** The Taylor order used for D digits. @internal */
function taylorOrder(digits: number): number {
  return Math.ceil(((digits + 4) * Math.LN10) / 2) + 1;
}

/** Evaluates every parameter's series at τ. */
function evalTheta(F: Fixed, step: TaylorStep, tau: bigint): bigint[] {
  return step.theta.map((c) => polyEval(F, c, tau));
}

/** Evaluates every velocity series at τ (heavy ball). */
function evalVelocity(F: Fixed, step: TaylorStep, tau: bigint): bigint[] {
  return step.v.map((c) => polyEval(F, c, tau));
}

/** ż_{k,i} = ∇z_{k,i}·v under the heavy ball (z is C¹): z's order-1 coefficient at h = 1, where θ_1 = v. */
function zVelocity(p: FlowProblem, theta: readonly bigint[], v: readonly bigint[], state: RegionState, i: number, k: number): bigint {
  return at(at(at(layeredTaylorStep(p, theta, state, p.F.ONE, 1, { momentum: { gamma: 0n, v0: v } }).Z, i), k), 1);
}

/**
 * The pre-activations of every hidden kink unit (flat over the hidden layers) at every point, exactly,
 * and the exact forward pass's max-pool switches (the first maximum of each window).
 */
function exactPreActivations(net: LayeredNetwork<string>, X: readonly (readonly string[])[]) {
  const pass = forward(
    networkIn(net, exact),
    X.map((r) => r.map((v) => exact.parse(v))),
    exact,
  );
  const hidden = pass.preActivations.slice(0, -1);
  return { Z: X.map((_, i) => hidden.flatMap((Z) => at(Z, i))), switches: pass.switches };
}

/**
 * Adaptive Taylor integration of the gradient flow with kink events and
 * Filippov sliding (see `integrateFlow`). Each step: series of order Q in the
 * step variable; the step is the largest τ ≤ 1 for which the last two terms
 * are below ε = 10^−(D+4) (the next step size follows); then the first zero
 * of every monitored polynomial (side·z for ordinary pairs; for sliding pairs
 * σ·(s+ − s*) and σ·(s* − s−) with σ = sign(back·(s+ − s−)), s* = δ/back the effective slope, whose zeros are
 * the release points λ = 1 and λ = 0; with max pooling, h_sel − h_c of every window and, along a tie the
 * flow slides on, its share λ = μ/β against 0 and 1) cuts the step, and the event is handled.
 *
 * With weight decay the series carry −λθ and the drift is measured from
 * c_k(0)e^{−2λt}. Under the heavy ball the series run in phase space (θ, v) from
 * v(0) = 0; z is then C¹ and a kink is crossed to the side of the sign of ż at the
 * event. A tangency (ż = 0 at z = 0), or a start on a kink where the two sides'
 * accelerations disagree, is not decided: a ConvergenceError says so. Along the
 * heavy ball the residual of c̈ + γċ = 2(‖ẇ‖² − ‖ȧ‖²) is taken at the start of every
 * accepted step, and the output weights' signs are certified (`OutputSignWatch`,
 * error bound 10^−(D−5)).
 *
 * @internal
 */
export function taylorFlow(p: FlowProblem, theta0: readonly bigint[], options: TaylorFlowOptions): RawTrajectory {
  const { F, n } = p;
  // the pairs (point, kink unit): a neuron, or a channel at one position of a convolution
  const l = p.units;
  const P = F.bigP;
  const Q = options.order ?? taylorOrder(options.digits);
  const logEps = -(options.digits + 4) * Math.LN10;
  const maxSteps = options.maxSteps ?? 200000;
  const T = options.T;
  const decayRate = options.decay ?? 0n;
  // without bias decay the biases' slots carry no −λθ term
  const decayed = decayRate !== 0n && options.biasDecay === false ? weightSlots(p) : undefined;
  const decay: SeriesDynamics = { decay: decayRate, ...(decayed ? { decayed } : {}) };
  const gamma = options.momentum;
  const heavy = gamma !== undefined;
  // Initial pattern from the exact signs of z at t = 0, and the exact max-pool selections.
  const { Z: Zexact, switches } = exactPreActivations(options.exactNet, options.exactData.X);
  const state: RegionState = {
    side: [],
    slidePoints: Array.from({ length: l }, () => []),
    select: initialSelection(p, switches),
  };
  const events: RawEvent[] = [];
  const kinked = p.slopes.above !== p.slopes.below;
  const nullPair = (i: number, k: number): boolean => isNullPair(p, state, i, k);
  for (let i = 0; i < n; i++) state.side.push(at(Zexact, i).map((z) => (exact.sign(z) > 0 ? 1 : -1)));
  const zeros: [number, number][] = [];
  for (const [i, row] of Zexact.entries())
    for (const [k, z] of row.entries()) if (exact.sign(z) === 0 && kinked && !nullPair(i, k)) zeros.push([i, k]);
  let theta = [...theta0];
  let v: bigint[] = heavy ? theta0.map(() => 0n) : [];
  // |ż| at or below 10^−D at an event counts as a tangency
  const zTolerance = F.ONE / 10n ** BigInt(options.digits);
  /** The flow at the current θ, as the kink rules read it. */
  const now = (): KinkInstant => ({ p, theta, decay, tolerance: zTolerance });
  /** Stops where pair (j, k), leaving its kink at this instant, leaves a pair above it on no one side (`cornerAbove`). */
  const assertSideAbove = (j: number, k: number): void => {
    const corner = cornerAbove(p, state, theta, j, k);
    if (corner !== undefined) throw kinkOnKink(p, corner, t);
  };
  /** As pair (j, k) comes on from its kink, the pairs above it that read nothing else take the side of their weight (`slavedAbove`). */
  const bringAbove = (j: number, k: number): void => {
    for (const { u, side } of slavedAbove(p, state, theta, j, k)) {
      if (at(at(state.side, j), u) === side) continue;
      at(state.side, j)[u] = side;
      events.push({ t, neuron: u, point: j, kind: side > 0 ? "enter" : "leave" });
    }
  };
  // Points of a unit on its kink at the start that share one surface (their inputs are multiples of one vector)
  // are decided together (sharedSurfaceStart), as they slide and leave together later. A unit whose incoming
  // weights and bias are all 0 has every point on its kink at once; where σ′(0) = 0 (ReLU, |x|) every slope of
  // its pairs is 0 there and descent never moves it, and nor does the flow: under ReLU its pairs stay off (slope
  // 0), under |x| they stay on the surface (the one-sided fields are opposite in its weights, so that the
  // Filippov weight 1/2 holds it there whatever they do).
  const decided = new Set<number>();
  if (kinked && !heavy && p.unrolled === undefined) {
    const { sigma } = activationFunctions(options.exactNet.activation, exact);
    for (const k of new Set(zeros.map(([, u]) => u))) {
      const points = zeros.filter(([, u]) => u === k).map(([i]) => i);
      const frozen = unitAtZero(p, theta0, k, 0n);
      if (frozen && p.slopes.atZero === 0n) {
        for (const j of points) {
          decided.add(j * l + k);
          if (p.slopes.below === 0n) continue;
          at(state.side, j)[k] = 0;
          events.push({ t: 0n, neuron: k, point: j, kind: "slide" });
        }
        refreshSliding(p, state, theta);
        continue;
      }
      if (points.length < 2) continue;
      const inputs = points.map((i) => unitInputs(p, options.exactData.X, Zexact, sigma, i, k));
      const way = sharedSurfaceStart(now(), state, { k, points, inputs, frozen });
      if (way === undefined) continue;
      for (const { j, side } of way) {
        at(state.side, j)[k] = side;
        decided.add(j * l + k);
        events.push({ t: 0n, neuron: k, point: j, kind: side > 0 ? "enter" : side < 0 ? "leave" : "slide" });
      }
      refreshSliding(p, state, theta);
    }
  }
  // The units that can collapse to 0 during the run (all but those at 0 from the start, which the flow and descent
  // keep there): while one stays at 0, the flow checks at every step that 0 holds it (`atZeroSince`: the time
  // each was first found there).
  const atZeroSince = new Map<number, bigint>();
  const collapsible =
    kinked && !heavy && p.unrolled === undefined
      ? Array.from({ length: l }, (_, k) => k).filter((k) => !unitAtZero(p, theta0, k, 0n))
      : undefined;
  for (const [i, k] of zeros.filter(([i, k]) => !decided.has(i * l + k))) {
    let up = zRate(now(), withSide(now(), state, i, k, 1), i, k);
    let down = zRate(now(), withSide(now(), state, i, k, -1), i, k);
    if (!heavy && fabs(up) <= zTolerance && fabs(down) <= zTolerance) {
      // Neither field moves z at first order (the unit's outgoing weights are 0, say): the first term of each side's
      // series beyond rounding decides, as at a kink later in the run (taken as −1 by default, an |x| net whose
      // second-order terms both took z up ended 0.074 off descent)
      up = BigInt(leadingTerm(now(), withSide(now(), state, i, k, 1), i, k).sign);
      down = BigInt(leadingTerm(now(), withSide(now(), state, i, k, -1), i, k).sign);
    }
    if (heavy) {
      // at rest on the kink, z̈ = ż of the first-order field: both sides must agree on where z goes
      if (up > 0n && down > 0n) at(state.side, i)[k] = 1;
      else if (!(up < 0n && down < 0n))
        throw new ConvergenceError(
          "taylor",
          "t = 0",
          `the start lies on the kink of neuron ${k + 1} at point ${i + 1} with zero velocity and the accelerations of its two sides disagree (sliding under momentum is not supported)`,
        );
      continue;
    }
    if (up > 0n && down > 0n) at(state.side, i)[k] = 1;
    else if (up <= 0n && down >= 0n && (up !== 0n || down !== 0n)) {
      at(state.side, i)[k] = 0;
      refreshSliding(p, state, theta);
      events.push({ t: 0n, neuron: k, point: i, kind: "slide" });
    } else if (up > 0n && down < 0n) {
      // Both sides carry z away (the kink repels): the flow is not unique, and descent goes where its first step,
      // with the slope σ′(0) at every pair on its kink at the start, takes z, and stays on that side. Under |x|,
      // whose σ′(0) = 0 is the slope of neither side, that is a field of its own (an |x| net that took the side
      // below ended 0.6 off descent; another, whose unit had a second point on its kink taken below, 0.02 off).
      // A pair above or below that reads it, on its kink too, leaves 0 at a rate that moves with this one's |z| as
      // descent's first steps take both off: which way each goes is not the one its own first step shows (an |x|
      // net whose lower pair repelled, decided before the two above it, ended 0.15 off descent)
      const linked = p.unrolled === undefined ? linkedOnKink(p, theta, zeros, i, k) : undefined;
      if (linked !== undefined)
        throw new ConvergenceError(
          "taylor",
          "t = 0",
          `at point ${i + 1}, ${neuronName(p, k)} starts on its kink with the fields on both sides carrying it away, and ${neuronName(p, linked)}, joined to it by a weight, starts on its kink too: the way they leave depends on both, which no rule of the flow decides`,
          { field: "method", change: "try another" },
        );
      const first = zLeadAtZeroSlope(now(), state, zeros, i, k);
      if (first === 0)
        throw new ConvergenceError(
          "taylor",
          "t = 0",
          `at point ${i + 1}, ${neuronName(p, k)} starts on its kink, the fields on both sides carry it away, and descent's first step leaves it there, which no rule of the flow decides`,
          { field: "method", change: "try another" },
        );
      at(state.side, i)[k] = first;
    }
  }
  if (state.select !== undefined) {
    // ties of a max window at t = 0, compared exactly on h = σ(z)
    const { sigma } = activationFunctions(options.exactNet.activation, exact);
    const h0 = Zexact.map((row) => row.map(sigma));
    const tied = (i: number, a: number, b: number): boolean => exact.cmp(at(at(h0, i), a), at(at(h0, i), b)) === 0;
    for (const ev of settleInitialTies(p, theta, state, tied, decay))
      events.push({ t: 0n, neuron: switchUnit(p, ev), point: ev.i, kind: "slide", window: ev.m });
  }
  // the closed law c_k(0)e^{−2λt} needs every parameter decayed; without bias decay the identity is checked instead
  const monitor = new TrajectoryMonitor(p, theta0, decayed ? 0n : decayRate);
  let maxIdentity = 0n;
  const checkIdentity = (th: readonly bigint[]): void => {
    if (decayed === undefined) return;
    for (const r of biasDecayResidual(p, th, state, decay)) if (r > maxIdentity) maxIdentity = r;
  };
  checkIdentity(theta0);
  const bound = 10 ** -(options.digits - 5);
  const signs = heavy ? new OutputSignWatch(p, theta0, bound) : undefined;
  const dynamics = (): SeriesDynamics => (heavy ? { momentum: { gamma, v0: v } } : decay);
  let maxResidual = 0n;
  const residual = (th: readonly bigint[], vel: readonly bigint[]): bigint[] => heavyBallResidual(p, th, vel, state, gamma ?? 0n);
  const pending = sampleTimes(T, options.samples);
  const samples: RawTrajectory["samples"] = [];
  const sampleAt = (ts: bigint, th: bigint[], vel: bigint[]): void => {
    if (!heavy) {
      samples.push({ t: ts, theta: th });
      return;
    }
    signs!.observe(th);
    samples.push({ t: ts, theta: th, v: vel, residual: residual(th, vel) });
  };
  while (pending.length > 0 && at(pending, 0) === 0n) sampleAt(pending.shift()!, [...theta], [...v]);
  // First step guess from the size of the field (under the heavy ball, from the acceleration).
  const first = layeredTaylorStep(p, theta, state, F.ONE, 1, dynamics());
  const f0 = [...first.theta, ...first.v].reduce((m, c) => Math.max(m, Math.abs(fixedToDouble(F, at(c, 1)))), 0);
  let h = BigInt(Math.max(1, Math.floor(Math.min(fixedToDouble(F, T), 0.1 / (1e-30 + f0), 1) * 2 ** 40))) << (P - 40n);
  let t = 0n;
  let count = 0;
  let stalled = 0;
  const tinyStep = T / 10n ** BigInt(options.digits + 4);
  // steps in a row that may leave the time where it was: a few per pair are legitimate (several kinks at one instant)
  const stallLimit = 4 * n * l + 8;
  // Steps that each move the time by less than the precision asked for (T·10^−D), one after another: the flow
  // creeps toward an instant it does not reach (events that come ever closer), and the run would spend its whole
  // step budget there (minutes at 20 digits) without a digit of progress. As many as the stall limit allows.
  const resolution = T / 10n ** BigInt(options.digits);
  let creeping = 0;
  // Steps that an event cuts, one after another, at a pace that would need a hundred times the step budget to
  // reach T: the same creeping with steps above the precision (a run at 30 digits or more), stopped now rather
  // than when the budget is spent. Only event-cut steps count: a run whose steps the series keep short (a
  // stiff start before long steps) is not stopped for its pace.
  const paceWindow = Math.max(200, stallLimit);
  let paceStart = 0n;
  let paceSteps = 0;
  // how far from its surface a free pair on it may drift before it counts as leaving
  const band = F.ONE / 10n ** BigInt(options.digits + 3);
  // pairs released at the current instant on a higher-order term (key i·l + k): the order that decided
  const departing = new Map<number, number>();
  // held pairs whose release was not borne out at the current instant (key i·l + k): their release
  // test waits for the next step, where the time moves on, rather than firing again at once
  const holding = new Set<number>();
  // the pairs let go from their kinks (key i·l + k) whose z has not yet left the band: the steps must move it
  const released = new Set<number>();
  // each held pair's orientation (the sign of (s+ − s−)·B) at the start of the last step that read it
  let orientations = new Map<number, bigint>();
  // a B at most this far from 0 where the orientation changed has passed through 0 (a turn), not jumped
  const halfDigits = F.ONE >> (P / 2n);
  while (t < T) {
    if (++count > maxSteps)
      throw new ConvergenceError(
        "taylor",
        `t = ${fixedToDouble(F, t)} of T = ${fixedToDouble(F, T)}`,
        `did not reach T within ${maxSteps} steps and events`,
        { field: "time", change: "lower" },
      );
    const onSurface = state.side.some((row) => row.includes(0));
    // a pair whose only input is a unit on its kink goes to the side it takes on the unit's far side
    for (let stacked = onSurface ? kinkAboveKink(p, state, theta) : undefined; stacked !== undefined; ) {
      if (stacked.shared) throw kinkOnKink(p, stacked, t);
      at(state.side, stacked.point)[stacked.upper] = stacked.side;
      events.push({ t, neuron: stacked.upper, point: stacked.point, kind: stacked.side > 0 ? "enter" : "leave" });
      stacked = kinkAboveKink(p, state, theta);
    }
    // the pairs that share a held pair's surface, released with it
    const gradients = onSurface ? refreshSliding(p, state, theta) : undefined;
    const groups = gradients !== undefined ? sharedSurfaces(p, state, gradients) : new Map<number, Follower[]>();
    const corner = gradients !== undefined ? cornerPair(now(), state, gradients, groups) : undefined;
    if (corner !== undefined) throw cornerOfSurfaces(p, corner, t);
    // a pair that slides with a held pair's group (no constraint of its own) on top of a pair of its point on its
    // kink in the layer right below is nested as a held one is (`step.nested`): a ReLU net whose such pair read a
    // sliding unit through a weight of 3 ended 0.36 off descent, whose chatter there turns it on
    for (const [key, followers] of p.unrolled === undefined ? groups : []) {
      const k = key % l;
      const below = at(p.unitLayer, k) - 1;
      for (const { j } of followers) {
        const lowerOnKink = at(state.side, j).flatMap((side, v): [number, number][] =>
          side === 0 && at(p.unitLayer, v) === below ? [[j, v]] : [],
        );
        const lower = linkedOnKink(p, theta, lowerOnKink, j, k);
        if (lower !== undefined) throw nestedSliding(p, { point: j, lower, upper: k }, t);
      }
    }
    assertTieAlone(p, state, t, heavy);
    const step = layeredTaylorStep(p, theta, state, h, Q, dynamics());
    if (step.nested !== undefined) throw nestedSliding(p, step.nested, t);
    // (a released pair is watched until it leaves the band or is held again)
    for (const key of released)
      if (at(at(state.side, Math.floor(key / l)), key % l) === 0 || fabs(at(at(at(step.Z, Math.floor(key / l)), key % l), 0)) > band)
        released.delete(key);
    const hidden =
      released.size > 0 && p.unrolled === undefined
        ? hiddenOnKink(
            now(),
            state,
            step.Z.map((row) => row.map((z) => at(z, 0))),
            band,
            released,
          )
        : undefined;
    if (hidden !== undefined) throw keptOnKink(p, hidden, t);
    if (collapsible)
      for (const k of collapsible) assertStaysAtZero(p, { state, theta, decay, t, tolerance: zTolerance }, k, { atZeroSince, resolution });
    // Step control from the last two terms: ‖c_q‖τ^q ≤ ε.
    let tauRaw = Infinity;
    for (const q of [Q - 1, Q]) {
      let norm = 0;
      for (const c of step.theta) norm = Math.max(norm, Math.abs(fixedToDouble(F, at(c, q))));
      for (const c of step.v) norm = Math.max(norm, Math.abs(fixedToDouble(F, at(c, q))));
      if (norm > 0) tauRaw = Math.min(tauRaw, Math.exp((logEps - Math.log(norm)) / q));
    }
    if (tauRaw < 0.05) {
      // The guess was far too long: retry with the step the series asks for (the budget
      // sees retries too: a field that keeps shrinking the step must not hold the run).
      h = (h * BigInt(Math.floor(tauRaw * 0.9 * 2 ** 40) + 1)) >> 40n;
      options.onProgress?.(Math.min(1, fixedToDouble(F, t) / fixedToDouble(F, T)));
      continue;
    }
    let tau = tauRaw >= 1 ? F.ONE : BigInt(Math.floor(tauRaw * 2 ** 40)) << (P - 40n);
    const tauEnd = fdiv(F, T - t, h);
    let atEnd = false;
    if (tauEnd <= tau) {
      tau = tauEnd;
      atEnd = true;
    }
    // First event in (0, τ].
    let evTau: bigint | undefined;
    let ev: { i: number; k: number; kind: "cross" | "releasePlus" | "releaseMinus" | "turn" } | undefined;
    const orientedNow = new Map<number, bigint>();
    for (let i = 0; i < n && kinked; i++) {
      for (let k = 0; k < l; k++) {
        if (nullPair(i, k)) continue;
        const side = at(at(state.side, i), k);
        const limit = evTau ?? tau;
        if (side !== 0) {
          const signed = side > 0 ? at(at(step.Z, i), k) : at(at(step.Z, i), k).map((v) => -v);
          const order = departing.get(i * l + k);
          const g = order === undefined ? signed : departingSeries(F, signed, order, zTolerance, h);
          const r = firstNegative(F, g, limit);
          // crossings at one instant (within 10^−D) go lowest layer first: a unit below that turns off can
          // leave the pairs above it with an input of 0, on their kinks from then on
          const rival = ev?.kind === "cross" && evTau !== undefined && r !== undefined && fabs(r - evTau) <= zTolerance ? ev : undefined;
          const first =
            rival !== undefined ? at(p.unitLayer, k) < at(p.unitLayer, rival.k) : r !== undefined && (evTau === undefined || r < evTau);
          if (r !== undefined && first) {
            evTau = r;
            ev = { i, k, kind: "cross" };
          }
        } else if (at(state.slidePoints, k).includes(i)) {
          if (holding.has(i * l + k)) continue;
          const { back, delta, plus, minus } = heldSeries(p, step, { i, k, Q }, groups.get(i * l + k) ?? []);
          // D (for a pair alone, δ = s*·back) stays between D− and D+ in either order (a leaky slope above 1
          // has s− > s+): the orientation carries the sign of back and of s+ − s−, so both polynomials are ≥ 0
          // while it slides. Where back is 0 at this instant (it changes sign), its first term beyond 10^−D
          // gives the sign it takes.
          const orient = leadingSign(F, back, zTolerance, h) * (p.slopes.above >= p.slopes.below ? 1n : -1n);
          const uPlus = plus.map((d, q) => orient * (d - at(delta, q)));
          const uMinus = minus.map((d, q) => orient * (at(delta, q) - d));
          const key = i * l + k;
          orientedNow.set(key, orient);
          // back changing sign inside the step turns both polynomials over without moving s* (the
          // residuals of the pair's point pass through 0): the step ends there and the next one reads them
          // with the new orientation, instead of taking the turn for a release.
          const turn = firstNegative(
            F,
            back.map((b) => orient * b),
            limit,
          );
          // An event of another pair changes the field, and with it the weight that holds this pair: a
          // weight that starts the step outside [0, 1] by more than 10^−D releases the pair at once
          // (firstNegative reads a negative start as the rounding of an event just handled).
          const scaled = (zTolerance * fabs(at(back, 0))) >> P;
          const outside = scaled > zTolerance ? scaled : zTolerance;
          // B turned over since the last step: at once, at an event of another pair, or through 0 (a turn, which
          // leaves B at rounding level). With the weight in [0, 1] with the new sign (past a turn: the first-order
          // terms of both sides leave the surface), the field on each side now carries z away from it. The flow
          // may stay on it or leave it to either side from here, and descent leaves it to the side its last step
          // happened to end on, so that its endpoint changes with η (seen on three nets). A unit whose incoming
          // weights and bias are all 0 to rounding is left alone: s = 1/2 holds it whichever way its fields point,
          // as at the start.
          const before = orientations.get(key);
          if (before !== undefined && before !== orient && !unitAtZero(p, theta, k, zTolerance)) {
            const jumped = fabs(at(back, 0)) > halfDigits;
            const leaves = (u: bigint[]): boolean => strictLeadingSign(F, u.slice(0, 2), zTolerance, h) > 0n;
            const repels = jumped ? at(uPlus, 0) >= -outside && at(uMinus, 0) >= -outside : leaves(uPlus) && leaves(uMinus);
            if (repels) throw repelled(p, { i, k }, t, jumped);
          }
          for (const [u, kind] of [
            [uPlus, "releasePlus"],
            [uMinus, "releaseMinus"],
          ] as const) {
            const root = at(u, 0) < -outside ? 0n : firstNegative(F, u, evTau ?? tau);
            // a weight that reaches 0 or 1 where B reaches 0 (to rounding) is a turn: both sides' fields are
            // tangent there, and the next step reads which way each turns
            const turned = root !== undefined && turn !== undefined && (root >= turn || turn - root <= zTolerance);
            const r = turned ? turn : root;
            if (r !== undefined && (evTau === undefined || r < evTau)) {
              evTau = r;
              ev = { i, k, kind: turned ? "turn" : kind };
            }
          }
        } else {
          // A pair on its surface that no constraint holds (at depth its ∇z was at rounding
          // level, or in the span of others' at another θ) is free to leave: it leaves when
          // |z| passes the band, to the side of z (in the first layer the span keeps it there).
          const z = at(at(step.Z, i), k);
          for (const [g, kind] of [
            [z.map((v, q) => (q === 0 ? band - v : -v)), "releasePlus"],
            [z.map((v, q) => (q === 0 ? band + v : v)), "releaseMinus"],
          ] as const) {
            const r = firstNegative(F, g, evTau ?? tau);
            if (r !== undefined && (evTau === undefined || r < evTau)) {
              evTau = r;
              ev = { i, k, kind };
            }
          }
        }
      }
    }
    // the held pairs the scan skipped keep the orientation they had
    for (const key of holding) {
      const kept = orientations.get(key);
      if (kept !== undefined) orientedNow.set(key, kept);
    }
    orientations = orientedNow;
    // a max-pool switch before every kink in the step cuts it instead
    let poolEv: PoolSwitch | undefined;
    const sw = state.select === undefined ? undefined : firstSwitch(p, step, state, evTau ?? tau);
    if (sw !== undefined && (evTau === undefined || sw.tau < evTau)) {
      evTau = sw.tau;
      ev = undefined;
      poolEv = sw.event;
    }
    // and a tie's release (its share λ leaving [0, 1]) before both
    let tieEv: TieRelease | undefined;
    const rel = state.ties === undefined ? undefined : firstTieRelease(p, step, state, evTau ?? tau);
    if (rel !== undefined && (evTau === undefined || rel.tau < evTau)) {
      evTau = rel.tau;
      ev = undefined;
      poolEv = undefined;
      tieEv = rel.release;
    }
    const anyEvent = ev !== undefined || poolEv !== undefined || tieEv !== undefined;
    const stepTau = evTau ?? tau;
    const tNew = !anyEvent && atEnd ? T : t + ((stepTau * h) >> P);
    if (heavy) {
      // the identity at the start of the accepted step, and the signs along it
      for (const r of residual(theta, v)) if (fabs(r) > maxResidual) maxResidual = fabs(r);
      signs!.step(step.theta, stepTau);
    }
    // Dense output for the samples inside this step.
    while (pending.length > 0 && at(pending, 0) <= tNew) {
      const ts = pending.shift()!;
      const tau = fdiv(F, ts - t, h);
      sampleAt(ts, evalTheta(F, step, tau), heavy ? evalVelocity(F, step, tau) : []);
    }
    theta = evalTheta(F, step, stepTau);
    if (heavy) v = evalVelocity(F, step, stepTau);
    // Steps that do not move the time beyond rounding: more than the limit means the pattern switches back and forth.
    stalled = tNew - t <= tinyStep ? stalled + 1 : 0;
    if (stalled > stallLimit)
      throw new ConvergenceError(
        "taylor",
        `t = ${fixedToDouble(F, t)}`,
        "stalled at a kink (the activation pattern switches back and forth)",
        { field: "method", change: "try another" },
      );
    creeping = tNew - t < resolution ? creeping + 1 : 0;
    if (creeping > stallLimit)
      throw new ConvergenceError(
        "taylor",
        `t = ${fixedToDouble(F, tNew)}`,
        `stalled at a kink (${creeping} steps in a row each moved the time by less than 10^-${options.digits} of T)`,
        { field: "method", change: "try another" },
      );
    paceSteps = anyEvent ? paceSteps + 1 : 0;
    if (paceSteps === 1) paceStart = t;
    if (paceSteps >= paceWindow) {
      const advance = tNew - paceStart;
      const needed =
        advance <= 0n ? Number.POSITIVE_INFINITY : count + (fixedToDouble(F, T - tNew) / fixedToDouble(F, advance)) * paceSteps;
      if (needed > 100 * maxSteps)
        throw new ConvergenceError(
          "taylor",
          `t = ${fixedToDouble(F, tNew)}`,
          `stalled at a kink (${paceSteps} steps in a row ended at an event, at a pace that would take about ${needed.toPrecision(2)} steps to reach T)`,
          { field: "method", change: "try another" },
        );
      paceSteps = 0;
    }
    t = tNew;
    // once the time has moved past rounding, a released pair's z is off its surface at first order
    if (stalled === 0) {
      departing.clear();
      holding.clear();
    }
    assertBounded("taylor", theta, t, F);
    monitor.check(theta, t);
    checkIdentity(theta);
    signs?.observe(theta);
    if (tieEv !== undefined) {
      const unit = releaseTie(p, state, tieEv);
      events.push({ t, neuron: unit, point: tieEv.tie.i, kind: "release", window: tieEv.tie.m });
    } else if (poolEv !== undefined) {
      const decision = decideAtSwitch(p, theta, state, poolEv, decay, t);
      if (decision === "switch") applySwitch(state, poolEv);
      if (decision === "slide") startTie(state, poolEv);
      if (decision !== "stay") events.push({ t, neuron: switchUnit(p, poolEv), point: poolEv.i, kind: decision, window: poolEv.m });
    } else if (ev?.kind === "turn") {
      // a held pair's back changed sign: nothing changes but the orientation the next step reads
    } else if (ev !== undefined && heavy) {
      // z is C¹ under the heavy ball: the kink is crossed to the side of ż
      const { i, k } = ev;
      const from = at(at(state.side, i), k);
      const rate = zVelocity(p, theta, v, state, i, k);
      if (fabs(rate) <= zTolerance || (rate > 0n ? 1 : -1) === from)
        throw new ConvergenceError(
          "taylor",
          `t = ${fixedToDouble(F, t)}`,
          `the trajectory is tangent to the kink of neuron ${k + 1} at point ${i + 1} (ż = 0 at z = 0), which the heavy ball integrator does not decide`,
        );
      at(state.side, i)[k] = rate > 0n ? 1 : -1;
      events.push({ t, neuron: k, point: i, kind: rate > 0n ? "enter" : "leave" });
    } else if (ev !== undefined) {
      const { i, k } = ev;
      departing.delete(i * l + k);
      const together = ev.kind === "cross" ? crossTogether(now(), state, { i, k }, band) : undefined;
      if (together !== undefined) {
        for (const { j, side, order } of together) {
          at(state.side, j)[k] = side;
          events.push({ t, neuron: k, point: j, kind: side > 0 ? "enter" : side < 0 ? "leave" : "slide" });
          if (order > 1) departing.set(j * l + k, order);
          else departing.delete(j * l + k);
        }
        for (const { j, side } of together) if (side !== 0) assertSideAbove(j, k);
        for (const { j, side } of together) if (side > 0) bringAbove(j, k);
        refreshSliding(p, state, theta);
      } else if (ev.kind === "cross") {
        const from = at(at(state.side, i), k);
        const { kind, order } = decideAtKink(now(), state, { i, k, from });
        at(state.side, i)[k] = kind === "slide" ? 0 : kind === "enter" ? 1 : -1;
        events.push({ t, neuron: k, point: i, kind });
        if (kind !== "slide") {
          assertSideAbove(i, k);
          const upper = onKinkAbove(now(), state, { i, k }, band);
          if (upper !== undefined) throw crossingUnderSlide(p, { point: i, lower: k, upper }, t);
        }
        if (kind === "enter") bringAbove(i, k);
        // crossed on a higher-order term: the rounding of the orders below must not bring it back at once
        if (kind !== "slide" && order > 1) departing.set(i * l + k, order);
        if (kind === "slide") for (const j of alsoOnKink(now(), state, { i, k }, band)) events.push({ t, neuron: k, point: j, kind });
        // at depth, another neuron's constrained pairs depend on this one's pattern
        refreshSliding(p, state, theta);
      } else if (at(state.slidePoints, k).includes(i)) {
        // a held pair: its Filippov weight left [0, 1], and z leaves on the first term beyond rounding
        const followers = groups.get(i * l + k) ?? [];
        const release = releaseDecision(now(), state, { i, k, side: ev.kind === "releasePlus" ? 1 : -1, followers });
        if (release !== undefined) {
          for (const { j, side } of release.sides) {
            at(state.side, j)[k] = side;
            released.add(j * l + k);
            events.push({ t, neuron: k, point: j, kind: "release" });
            if (release.order > 1) departing.set(j * l + k, release.order);
          }
          for (const { j } of release.sides) assertSideAbove(j, k);
          refreshSliding(p, state, theta);
        } else holding.add(i * l + k);
      } else {
        // a free pair on its surface: |z| has passed the band
        at(state.side, i)[k] = ev.kind === "releasePlus" ? 1 : -1;
        released.add(i * l + k);
        assertSideAbove(i, k);
        refreshSliding(p, state, theta);
        events.push({ t, neuron: k, point: i, kind: "release" });
      }
    }
    // Next step: what the series allowed (capped growth).
    if (!anyEvent && !atEnd) h = (h * BigInt(Math.floor(Math.min(tauRaw, 4) * 2 ** 40))) >> 40n;
    options.onProgress?.(Math.min(1, fixedToDouble(F, t) / fixedToDouble(F, T)));
  }
  const out: RawTrajectory = { theta, events, samples, maxDrift: monitor.maxDrift, signChanged: monitor.signChanged, steps: count };
  if (decayed !== undefined) out.biasFreeDecay = { maxIdentityResidual: maxIdentity };
  else if (decayRate !== 0n) out.decay = { predictedT: monitor.predicted(T), maxRelative: monitor.maxRelative };
  if (heavy) {
    const residualT = residual(theta, v);
    for (const r of residualT) if (fabs(r) > maxResidual) maxResidual = fabs(r);
    const outputSign = signs!.verdicts();
    out.heavyBall = { velocity: v, residualT, maxResidual, outputSign };
    // only a certified change counts as one
    out.signChanged = outputSign.map((s) => s === "changed");
  }
  return out;
}

/** The stop where a pair crosses its kink under a pair of its point on its kink that reads it (the corner of §2.2). */
function crossingUnderSlide(p: FlowProblem, pair: { point: number; lower: number; upper: number }, t: bigint): ConvergenceError {
  return new ConvergenceError(
    "taylor",
    `t = ${fixedToDouble(p.F, t)}`,
    `at point ${pair.point + 1}, ${neuronName(p, pair.lower)} crosses its kink while ${neuronName(p, pair.upper)}, which reads it, is on its own: a corner of two surfaces whose way through depends on the first's undefined slope at its kink, which the integrator does not decide`,
    { field: "method", change: "try another" },
  );
}

/**
 * The stop where a held pair's surface turns from attracting to repelling, at once at an event of another pair
 * (`jumped`) or where its B passes through 0: the flow is not unique from there.
 */
function repelled(p: FlowProblem, pair: { i: number; k: number }, t: bigint, jumped: boolean): ConvergenceError {
  const cause = jumped ? "an event of another pair turns" : "the error sent back to it passes through 0 and turns";
  return new ConvergenceError(
    "taylor",
    `t = ${fixedToDouble(p.F, t)}`,
    `at point ${pair.i + 1}, ${neuronName(p, pair.k)} slides on its kink and ${cause} the field on both sides away from it: the flow can stay on the kink or leave it to either side, which no rule of the flow decides`,
    { field: "method", change: "try another" },
  );
}

/**
 * The stop at nested sliding pairs: the upper pair's gradient depends on the lower pair's σ′,
 * undefined on its kink, so the linear system of the sliding constraints is not justified there.
 */
function nestedSliding(p: FlowProblem, nested: NonNullable<TaylorStep["nested"]>, t: bigint): ConvergenceError {
  const { point, lower, upper } = nested;
  return new ConvergenceError(
    "taylor",
    `t = ${fixedToDouble(p.F, t)}`,
    `nested sliding at point ${point + 1}: ${neuronName(p, lower)} and ${neuronName(p, upper)} slide together and the second's gradient depends on the first's undefined slope at its kink, which the integrator does not decide`,
    { field: "method", change: "try another" },
  );
}

/** The stop at a pair let go from its kink that held pairs keep on it (`hiddenOnKink`). */
function keptOnKink(p: FlowProblem, pair: { i: number; k: number }, t: bigint): ConvergenceError {
  return new ConvergenceError(
    "taylor",
    `t = ${fixedToDouble(p.F, t)}`,
    `point ${pair.i + 1} of ${neuronName(p, pair.k)} is let go from its kink but kept there by held pairs whose constraints its own is a combination of, where more surfaces meet than constraints hold, and how the field splits among them (which decides when the flow leaves) is not unique, which the integrator does not decide`,
    { field: "method", change: "try another" },
  );
}

/** The stop at a pair on its surface in the span of several held pairs (`cornerPair`), whose Filippov weights are not unique. */
function cornerOfSurfaces(p: FlowProblem, corner: { i: number; k: number }, t: bigint): ConvergenceError {
  return new ConvergenceError(
    "taylor",
    `t = ${fixedToDouble(p.F, t)}`,
    `point ${corner.i + 1} of ${neuronName(p, corner.k)} is on its kink where more surfaces meet than constraints hold, and how the field splits among them (which decides when the flow leaves) is not unique, which the integrator does not decide`,
    { field: "method", change: "try another" },
  );
}

/**
 * The stop at a pair that reads nothing but units on their kinks (`kinkAboveKink`, `cornerAbove`) and whose side, and
 * with it the one-sided fields of each unit below, depends on the sides they leave to, which the integrator does not decide.
 */
function kinkOnKink(p: FlowProblem, stacked: { point: number; lower: number; upper: number }, t: bigint): ConvergenceError {
  const { point, lower, upper } = stacked;
  return new ConvergenceError(
    "taylor",
    `t = ${fixedToDouble(p.F, t)}`,
    `at point ${point + 1}, ${neuronName(p, upper)} reads nothing but ${neuronName(p, lower)} and units on their kinks, so it is on its kink too, on a side that depends on the sides they leave to, which the integrator does not decide`,
    { field: "method", change: "try another" },
  );
}

/** true at every weight slot of θ, false at every bias slot. */
function weightSlots(p: FlowProblem): boolean[] {
  const L = p.layout;
  const mask = new Array<boolean>(L.size).fill(true);
  for (let l = 0; l < L.depth; l++) if (L.bias[l]) for (let j = 0; j < at(L.widths, l + 1); j++) mask[at(L.biasOffset, l) + j] = false;
  return mask;
}

/**
 * |ċ_k − (−2λ)(‖w_k‖² − ‖a_k‖²)| per hidden neuron at θ, with ċ_k = 2(⟨w̃_k, θ̇_w̃⟩ − ⟨a_k, θ̇_a⟩) from
 * the field itself and the decay reaching the weights only: the identity ċ = −2λ(c − b²), b the
 * neuron's incoming bias, which holds because the gradient's share cancels (rescaling identity).
 */
function biasDecayResidual(p: FlowProblem, theta: readonly bigint[], state: RegionState, dynamics: SeriesDynamics): bigint[] {
  const P = p.F.bigP;
  const rate = layeredTaylorStep(p, theta, state, p.F.ONE, 1, dynamics).theta.map((c) => at(c, 1));
  const lambda = dynamics.decay ?? 0n;
  const mask = dynamics.decayed!;
  return p.inSlots.map((inSlots, k) => {
    const outSlots = at(p.outSlots, k);
    let pairing = 0n;
    let weights = 0n;
    for (const i of inSlots) {
      pairing += at(theta, i) * at(rate, i);
      if (mask[i]) weights += at(theta, i) * at(theta, i);
    }
    for (const i of outSlots) {
      pairing -= at(theta, i) * at(rate, i);
      weights -= at(theta, i) * at(theta, i);
    }
    const cDot = (2n * pairing) >> P;
    const expected = -((2n * lambda * (weights >> P)) >> P);
    const r = cDot - expected;
    return r < 0n ? -r : r;
  });
}
