import { ConvergenceError } from "../../errors.js";
import { layeredTaylorStep, type RegionState, type SeriesDynamics, type TaylorStep } from "../../net/kernels/layeredTaylorSeries.js";
import { at } from "../../scalar/at.js";
import { fixedToDouble } from "../../scalar/fixedPoint.js";
import type { FlowProblem } from "./flowProblem.js";
import { firstNegative } from "./polyRoots.js";

/*
 * Max pooling is piecewise linear in the activations: each pooled entry is the series of the unit its
 * window currently selects, and the selection switches where another unit of the window overtakes it.
 * Those switches are events of the flow like the kinks: for every point and window the polynomials
 * h_sel − h_c ≥ 0 (c the window's other units) are watched, and at a zero the fields of both
 * selections decide, as `decideAtKink` does for a kink.
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
        for (const c of window) {
          if (c === s) continue;
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
 * old selection carries h_sel above; when both fields point into h_to = h_sel (sliding along a max-pool
 * tie, where the gradient is not defined) the run stops rather than follow a wrong trajectory.
 *
 * @param t - the time, for the message
 * @returns the state to carry on with (the same object when the selection stays)
 * @throws ConvergenceError on a tie both selections push into
 * @internal
 */
export function decideAtSwitch(
  p: FlowProblem,
  theta: readonly bigint[],
  state: RegionState,
  ev: PoolSwitch,
  dynamics: SeriesDynamics,
  t: bigint,
): "switch" | "stay" {
  const from = at(at(at(state.select ?? [], ev.i), ev.layer)!, ev.m);
  const switched = withSelection(state, ev, ev.to);
  if (gapRate(p, theta, switched, ev, ev.to, from, dynamics) > 0n) return "switch";
  if (gapRate(p, theta, state, ev, from, ev.to, dynamics) > 0n) return "stay";
  const positions = at(p.unrolled?.layers ?? [], ev.layer).positions;
  const channel = Math.floor(from / positions) + 1;
  throw new ConvergenceError(
    "taylor",
    `t = ${fixedToDouble(p.F, t)}`,
    `sliding along a max-pool tie at point ${ev.i + 1}: in window ${ev.m + 1} of layer ${ev.layer + 1}, channel ${channel} at positions ${(from % positions) + 1} and ${(ev.to % positions) + 1} are equal and the fields of both selections keep them equal (the pooled gradient is not defined there), which the integrator does not decide`,
  );
}

/** Sets pooled entry m of `ev` to select `ev.to`, in place. @internal */
export function applySwitch(state: RegionState, ev: PoolSwitch): void {
  at(at(state.select ?? [], ev.i), ev.layer)![ev.m] = ev.to;
}

/**
 * Ties at t = 0 (the exact forward pass took the first of equal maxima): each other unit of the window
 * equal to the selected one takes over when its field carries it above, as a kink at t = 0 is decided
 * by the rates; a tie both fields push into stops the run.
 *
 * @param tied - whether flat kink units a and b have exactly equal activations at point i at t = 0
 * @internal
 */
export function settleInitialTies(
  p: FlowProblem,
  theta: readonly bigint[],
  state: RegionState,
  tied: (i: number, a: number, b: number) => boolean,
  dynamics: SeriesDynamics,
): void {
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
          if (decideAtSwitch(p, theta, state, ev, dynamics, 0n) === "switch") applySwitch(state, ev);
        }
  }
}

/** Names unit u of a max-pooled weight layer (index l − 1) for an event: its flat kink unit. @internal */
export function switchUnit(p: FlowProblem, ev: PoolSwitch): number {
  return flatUnit(p, ev.layer, ev.to);
}
