import { ConvergenceError } from "../../errors.js";
import {
  layeredTaylorStep,
  type PoolTie,
  type RegionState,
  type SeriesDynamics,
  type TaylorStep,
} from "../../net/kernels/layeredTaylorSeries.js";
import { at } from "../../scalar/at.js";
import { fixedToDouble } from "../../scalar/fixedPoint.js";
import type { FlowProblem } from "./flowProblem.js";
import { firstNegative } from "./polyRoots.js";

/*
 * Max pooling is piecewise linear in the activations: each pooled entry is the series of the unit its
 * window currently selects, and the selection switches where another unit of the window overtakes it.
 * Those switches are events of the flow like the kinks: for every point and window the polynomials
 * h_sel − h_c ≥ 0 (c the window's other units) are watched, and at a zero the fields of both
 * selections decide, as `decideAtKink` does for a kink. When both fields push into the tie, the flow
 * slides along it (Filippov): the pooled gradient β reaches u with the share λ and v with 1 − λ, λ
 * chosen so that h_u − h_v stays 0; it is released when λ leaves [0, 1]. One two-unit tie at a time,
 * with no kink sliding beside it, is what the integrator follows; anything else stops the run.
 */

/** A switch candidate: at point i, in weight layer `layer` (index l − 1), pooled entry m reaches unit `to`. @internal */
export interface PoolSwitch {
  readonly i: number;
  readonly layer: number;
  readonly m: number;
  readonly to: number;
}

/** The flat kink unit of unit u of weight layer `layer` (index l − 1). */
function flatUnit(p: FlowProblem, layer: number, u: number): number {
  return p.unitLayer.indexOf(layer + 1) + u;
}

/** The max-pooled layers (weight layer index) of a problem. */
function maxPooled(unrolled: FlowProblem["unrolled"]): number[] {
  return (unrolled?.layers ?? []).flatMap((layer, l) => (layer.pool?.kind === "max" ? [l] : []));
}

/**
 * The initial selections of every max-pooled layer from the exact forward pass's switches (PyTorch's
 * first maximum); undefined without max pooling.
 *
 * @param switches - per weight layer and point, the flat unit each pooled entry took, as `forward` returns them
 * @internal
 */
export function initialSelection(
  p: FlowProblem,
  switches: readonly (readonly Int32Array[] | undefined)[] | undefined,
): RegionState["select"] {
  const layers = maxPooled(p.unrolled);
  if (layers.length === 0 || switches === undefined) return undefined;
  return Array.from({ length: p.n }, (_, i) =>
    (p.unrolled?.layers ?? []).map((_, l) => (layers.includes(l) ? Int32Array.from(at(at(switches, l) ?? [], i)) : undefined)),
  );
}

/**
 * The first switch in (0, limit] of a step: the first τ where h_sel − h_c < 0 for some point, max
 * window and other unit c of it. Identically equal units (two dead ReLU units, h ≡ 0) never switch.
 *
 * @internal
 */
export function firstSwitch(
  p: FlowProblem,
  step: TaylorStep,
  state: RegionState,
  limit: bigint,
): { tau: bigint; event: PoolSwitch } | undefined {
  let best: { tau: bigint; event: PoolSwitch } | undefined;
  for (const l of maxPooled(p.unrolled)) {
    const pool = at(p.unrolled?.layers ?? [], l).pool!;
    for (let i = 0; i < p.n; i++) {
      const h = at(step.H, i);
      const select = at(at(state.select ?? [], i), l)!;
      for (const [m, window] of pool.windows.entries()) {
        const s = at(select, m);
        const hs = at(h, flatUnit(p, l, s));
        // the partner of a tie the flow slides along is held equal by the constraint, not watched
        const partner = state.ties?.find((tie) => tie.i === i && tie.layer === l && tie.m === m)?.u;
        for (const c of window) {
          if (c === s || c === partner) continue;
          const hc = at(h, flatUnit(p, l, c));
          const r = firstNegative(
            p.F,
            hs.map((v, q) => v - at(hc, q)),
            best?.tau ?? limit,
          );
          if (r !== undefined && (best === undefined || r < best.tau)) best = { tau: r, event: { i, layer: l, m, to: c } };
        }
      }
    }
  }
  return best;
}

/** A copy of the state with pooled entry m of `ev` selecting `unit`. */
function withSelection(state: RegionState, ev: PoolSwitch, unit: number): RegionState {
  const select = (state.select ?? []).map((row) => row.map((s) => (s === undefined ? undefined : Int32Array.from(s))));
  at(at(select, ev.i), ev.layer)![ev.m] = unit;
  return { ...state, select };
}

/** d/dt (h_a − h_b) at θ under the first-order field of `state`: order 1 of the series at h = 1. */
function gapRate(
  p: FlowProblem,
  theta: readonly bigint[],
  state: RegionState,
  ev: PoolSwitch,
  a: number,
  b: number,
  dynamics: SeriesDynamics,
): bigint {
  const H = at(layeredTaylorStep(p, theta, state, p.F.ONE, 1, dynamics).H, ev.i);
  return at(at(H, flatUnit(p, ev.layer, a)), 1) - at(at(H, flatUnit(p, ev.layer, b)), 1);
}

/**
 * What happens when unit `to` of a max window reaches the selected one: the selection switches when the
 * field with `to` selected carries h_to above (d/dt(h_to − h_sel) > 0); it stays when the field with the
 * old selection carries h_sel above; when both fields point into h_to = h_sel the flow slides along the
 * tie ({@link startTie}), unless another tie or a kink slides already, where the run stops rather than
 * follow a wrong trajectory.
 *
 * @param t - the time, for the message
 * @throws ConvergenceError on a tie both selections push into beside another sliding constraint
 * @internal
 */
export function decideAtSwitch(
  p: FlowProblem,
  theta: readonly bigint[],
  state: RegionState,
  ev: PoolSwitch,
  dynamics: SeriesDynamics,
  t: bigint,
): "switch" | "stay" | "slide" {
  const from = at(at(at(state.select ?? [], ev.i), ev.layer)!, ev.m);
  const switched = withSelection(state, ev, ev.to);
  if (gapRate(p, theta, switched, ev, ev.to, from, dynamics) > 0n) return "switch";
  if (gapRate(p, theta, state, ev, from, ev.to, dynamics) > 0n) return "stay";
  // a second tie, a third unit of a tied window, or a kink sliding beside it: not followed
  const sliding = state.side.some((row) => row.includes(0));
  if ((state.ties ?? []).length === 0 && !sliding) return "slide";
  throw untiedStop(p, ev.i, ev.layer, ev.m, from, ev.to, t);
}

/** The one-line stop at a max-pool tie the integrator does not follow. */
function untiedStop(p: FlowProblem, i: number, layer: number, m: number, a: number, b: number, t: bigint): ConvergenceError {
  const positions = at(p.unrolled?.layers ?? [], layer).positions;
  const channel = Math.floor(a / positions) + 1;
  return new ConvergenceError(
    "taylor",
    `t = ${fixedToDouble(p.F, t)}`,
    `sliding along a max-pool tie at point ${i + 1}: in window ${m + 1} of layer ${layer + 1}, channel ${channel} at positions ${(a % positions) + 1} and ${(b % positions) + 1} are equal and the fields of both selections keep them equal, while another tie or a kink slides too, which the integrator does not decide`,
  );
}

/**
 * Stops when a tie slides beside a kink sliding pair (the Gram system would couple them through
 * σ′ at the kink, which the integrator does not decide), or under the heavy ball (no sliding there).
 *
 * @internal
 */
export function assertTieAlone(p: FlowProblem, state: RegionState, t: bigint, heavy: boolean): void {
  const tie = state.ties?.[0];
  if (tie === undefined || (!heavy && !state.side.some((row) => row.includes(0)))) return;
  throw untiedStop(p, tie.i, tie.layer, tie.m, tie.v, tie.u, t);
}

/** Starts sliding along the tie of `ev`: the window keeps its selection v, the constraint holds h_to = h_v. @internal */
export function startTie(state: RegionState, ev: PoolSwitch): void {
  const v = at(at(at(state.select ?? [], ev.i), ev.layer)!, ev.m);
  const tie: PoolTie = { i: ev.i, layer: ev.layer, m: ev.m, u: ev.to, v };
  state.ties = [tie];
}

/** A release of a tie: λ reaches 1 (`toU`, u takes the window) or 0 (v keeps it). @internal */
export interface TieRelease {
  readonly tie: PoolTie;
  readonly toU: boolean;
}

/**
 * The first release in (0, limit] of the ties of a step: where λ = μ/β leaves [0, 1], i.e. where
 * σβ − σμ or σμ turns negative (σ the sign of β, as the kink releases orient back·slope).
 *
 * @internal
 */
export function firstTieRelease(
  p: FlowProblem,
  step: TaylorStep,
  state: RegionState,
  limit: bigint,
): { tau: bigint; release: TieRelease } | undefined {
  let best: { tau: bigint; release: TieRelease } | undefined;
  for (const [a, tie] of (state.ties ?? []).entries()) {
    const { beta, mu } = at(step.ties, a);
    const orient = at(beta, 0) >= 0n ? 1n : -1n;
    for (const [g, toU] of [
      [beta.map((b, q) => orient * (b - at(mu, q))), true],
      [mu.map((m) => orient * m), false],
    ] as const) {
      const r = firstNegative(p.F, g, best?.tau ?? limit);
      if (r !== undefined && (best === undefined || r < best.tau)) best = { tau: r, release: { tie, toU } };
    }
  }
  return best;
}

/** Ends the slide of a released tie, u taking the window when λ reached 1; returns the flat unit selected. @internal */
export function releaseTie(p: FlowProblem, state: RegionState, release: TieRelease): number {
  const { tie, toU } = release;
  state.ties = (state.ties ?? []).filter((x) => x !== tie);
  if (toU) at(at(state.select ?? [], tie.i), tie.layer)![tie.m] = tie.u;
  return flatUnit(p, tie.layer, toU ? tie.u : tie.v);
}

/** Sets pooled entry m of `ev` to select `ev.to`, in place. @internal */
export function applySwitch(state: RegionState, ev: PoolSwitch): void {
  at(at(state.select ?? [], ev.i), ev.layer)![ev.m] = ev.to;
}

/**
 * Ties at t = 0 (the exact forward pass took the first of equal maxima): each other unit of the window
 * equal to the selected one takes over when its field carries it above, as a kink at t = 0 is decided
 * by the rates; a tie both fields push into slides (as after {@link decideAtSwitch}).
 *
 * @returns the ties that slide from t = 0
 * @param tied - whether flat kink units a and b have exactly equal activations at point i at t = 0
 * @internal
 */
export function settleInitialTies(
  p: FlowProblem,
  theta: readonly bigint[],
  state: RegionState,
  tied: (i: number, a: number, b: number) => boolean,
  dynamics: SeriesDynamics,
): PoolSwitch[] {
  const slides: PoolSwitch[] = [];
  for (const l of maxPooled(p.unrolled)) {
    const pool = at(p.unrolled?.layers ?? [], l).pool!;
    for (let i = 0; i < p.n; i++)
      for (const [m, window] of pool.windows.entries())
        for (const c of window) {
          const s = at(at(at(state.select ?? [], i), l)!, m);
          if (c === s || !tied(i, flatUnit(p, l, s), flatUnit(p, l, c))) continue;
          const ev = { i, layer: l, m, to: c };
          // identically equal units (both rates 0 on both sides) are no tie to decide
          const up = gapRate(p, theta, withSelection(state, ev, c), ev, c, s, dynamics);
          const down = gapRate(p, theta, state, ev, s, c, dynamics);
          if (up === 0n && down === 0n) continue;
          const decision = decideAtSwitch(p, theta, state, ev, dynamics, 0n);
          if (decision === "switch") applySwitch(state, ev);
          if (decision === "slide") {
            startTie(state, ev);
            slides.push(ev);
          }
        }
  }
  return slides;
}

/** Names unit u of a max-pooled weight layer (index l − 1) for an event: its flat kink unit. @internal */
export function switchUnit(p: FlowProblem, ev: PoolSwitch): number {
  return flatUnit(p, ev.layer, ev.to);
}
