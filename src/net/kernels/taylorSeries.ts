import type { FixedNet } from "./fixedNet.js";
import { logisticSeriesAt } from "./logisticSeries.js";

/**
 * The activation state of the Taylor integrator: per (point i, neuron k) the
 * side +1 (z > 0), −1 (z < 0), or 0 when the flow slides along z_{k,i} = 0.
 *
 * @internal
 */
export interface RegionState {
  side: number[][];
  /** Per neuron, the sliding points whose constraints ż = 0 are solved for (linearly independent; other points at 0 lie in their span). */
  slidePoints: number[][];
  /** Per neuron, the inverse Gram matrix of `slidePoints[k]` (fixed point), in that order. */
  slideInverse: bigint[][][];
}

/**
 * The dynamics whose series {@link taylorStep} computes, beyond the gradient flow
 * θ' = −∇L(θ): weight decay θ' = −∇L(θ) − λθ, or the heavy ball
 * θ' = v, v' = −γv − ∇L(θ) in phase space.
 *
 * @internal
 */
export interface SeriesDynamics {
  /** λ ≥ 0 in fixed point (0n: none); it adds −λθ_q to the gradient term of every parameter, biases included. */
  decay?: bigint | undefined;
  /** Where the decay applies (true), one entry per parameter; absent: everywhere (false at the biases: no bias decay). */
  decayed?: readonly boolean[] | undefined;
  /** The heavy ball: friction γ ≥ 0 (fixed point) and the velocity v at the start of the step, one entry per parameter. */
  momentum?: { gamma: bigint; v0: readonly bigint[] } | undefined;
}

/** The Taylor coefficients of one step, in the step variable τ (t = t0 + hτ, τ ∈ [0, 1]). @internal */
export interface TaylorStep {
  /** θ coefficients 0..Q per parameter. */
  theta: bigint[][];
  /** v coefficients 0..Q per parameter under the heavy ball (empty otherwise). */
  v: bigint[][];
  /** z_{k,i} coefficients 0..Q, indexed [i][k]. */
  Z: bigint[][][];
  /** back_{i,k} = Σ_j a_jk r_ij and δ_{i,k} (0..Q−1), only for sliding pairs. */
  back: bigint[][][];
  delta: bigint[][][];
}

/**
 * The series of the parameters (and velocities) of one step, θ_0 (and v_0) in place, and
 * the one rule every Taylor kernel takes from a gradient coefficient g_q to the next order:
 * θ_{q+1} = −h·(g_q + λθ_q)/(q + 1), or under the heavy ball θ_{q+1} = h·v_q/(q + 1) and
 * v_{q+1} = −h·(γv_q + g_q)/(q + 1).
 *
 * @internal
 */
export function seriesParameters(
  theta0: readonly bigint[],
  Q: number,
  h: bigint,
  P: bigint,
  dynamics: SeriesDynamics,
): { TH: bigint[][]; V: bigint[][]; advance: (slot: number, q: number, g: bigint) => void } {
  const series = (v: bigint): bigint[] => {
    const arr = new Array<bigint>(Q + 1).fill(0n);
    arr[0] = v;
    return arr;
  };
  const TH = theta0.map(series);
  const decay = dynamics.decay ?? 0n;
  const heavy = dynamics.momentum;
  const V = heavy === undefined ? [] : heavy.v0.map(series);
  const advance = (slot: number, q: number, g: bigint): void => {
    const q1 = BigInt(q + 1);
    const th = TH[slot]!;
    if (heavy === undefined) {
      const d = decay === 0n || dynamics.decayed?.[slot] === false ? g : g + ((decay * th[q]!) >> P);
      th[q + 1] = -((h * d) >> P) / q1;
      return;
    }
    const v = V[slot]!;
    th[q + 1] = ((h * v[q]!) >> P) / q1;
    v[q + 1] = -((h * (((heavy.gamma * v[q]!) >> P) + g)) >> P) / q1;
  };
  return { TH, V, advance };
}

/** The slope of a non-sliding pair. @internal */
function sideSlope(p: FixedNet, side: number): bigint {
  return side > 0 ? p.sPlus : side < 0 ? p.sMinus : p.sZero;
}

/**
 * Taylor coefficients up to order Q of the flow through θ(0) = `theta` (the
 * series fast path of the exact kernel: its order-0 gradient is −θ_1/h), with
 * the activation pattern frozen to `state`, by automatic differentiation on
 * truncated power series: each order q computes z, h = s·z, f, the residuals r,
 * back = Σ_j a_jk r_ij, δ = s·back, the gradient, then θ_{q+1} = −h·g_q/(q + 1)
 * (with weight decay −h·(g_q + λθ_q)/(q + 1); under the heavy ball
 * θ_{q+1} = h·v_q/(q + 1) and v_{q+1} = −h·(γv_q + g_q)/(q + 1)).
 * Sliding pairs carry h = 0 (z ≡ 0) and a δ chosen so that ż = 0 for every
 * constrained sliding point of the neuron: Σ_{i'} δ_{i'k} x̃_i·x̃_{i'} = 0, a linear system
 * with the constant Gram matrix (the Filippov combination, without dividing series).
 *
 * @internal
 */
export function taylorStep(
  p: FixedNet,
  theta0: readonly bigint[],
  state: RegionState,
  h: bigint,
  Q: number,
  dynamics: SeriesDynamics = {},
): TaylorStep {
  const { F, n, l, e, dIn, X, Y, gramRow } = p;
  const P = F.bigP;
  const { TH, V, advance } = seriesParameters(theta0, Q, h, P, dynamics);
  const Z: bigint[][][] = [];
  const Hs: bigint[][][] = [];
  const back: bigint[][][] = [];
  const delta: bigint[][][] = [];
  const slope: bigint[][] = [];
  // Points whose δ the sliding constraints determine; a point held at 0 by
  // them (its x̃ in their span) keeps the slope at 0, sZero ∈ [s−, s+].
  const constrained = state.slidePoints.map((pts) => Array.from({ length: n }, (_, i) => pts.includes(i)));
  for (let i = 0; i < n; i++) {
    Z.push(Array.from({ length: l }, () => new Array<bigint>(Q + 1).fill(0n)));
    Hs.push(Array.from({ length: l }, () => new Array<bigint>(Q + 1).fill(0n)));
    back.push(Array.from({ length: l }, () => new Array<bigint>(Q + 1).fill(0n)));
    delta.push(Array.from({ length: l }, () => new Array<bigint>(Q + 1).fill(0n)));
    slope.push(state.side[i]!.map((s) => sideSlope(p, s)));
  }
  const R: bigint[][][] = Array.from({ length: n }, () => Array.from({ length: e }, () => new Array<bigint>(Q + 1).fill(0n)));
  // bce: u = e^{−f} and σ(f) = 1/(1 + u) as series.
  const U: bigint[][][] = Array.from({ length: n }, () => Array.from({ length: e }, () => new Array<bigint>(Q + 1).fill(0n)));
  const Sg: bigint[][][] = Array.from({ length: n }, () => Array.from({ length: e }, () => new Array<bigint>(Q + 1).fill(0n)));
  const Fo: bigint[][][] = Array.from({ length: n }, () => Array.from({ length: e }, () => new Array<bigint>(Q + 1).fill(0n)));
  const wIdx = p.inSlots;
  const aIdx = Array.from({ length: e }, (_, j) => Array.from({ length: l }, (_, k) => p.outSlots[k]![j]!));
  const computeZ = (q: number): void => {
    for (let i = 0; i < n; i++) {
      const xi = X[i]!;
      for (let k = 0; k < l; k++) {
        let z = 0n;
        const wk = wIdx[k]!;
        for (let m = 0; m < dIn; m++) z += TH[wk[m]!]![q]! * xi[m]!;
        Z[i]![k]![q] = z >> P;
      }
    }
  };
  for (let q = 0; q < Q; q++) {
    computeZ(q);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < l; k++) Hs[i]![k]![q] = state.side[i]![k] === 0 ? 0n : (slope[i]![k]! * Z[i]![k]![q]!) >> P;
    }
    // outputs and residuals at order q
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < e; j++) {
        let acc = 0n;
        const aj = aIdx[j]!;
        for (let k = 0; k < l; k++) {
          const a = TH[aj[k]!]!;
          const hh = Hs[i]![k]!;
          for (let r = 0; r <= q; r++) acc += a[r]! * hh[q - r]!;
        }
        let f = acc >> P;
        if (p.outputBias) f += TH[p.outBiasSlots[j]!]![q]!;
        let dev: bigint;
        if (p.loss !== "bce") {
          dev = q === 0 ? f - Y[i]![j]! : f;
        } else {
          const fo = Fo[i]![j]!;
          fo[q] = f;
          const sg = Sg[i]![j]!;
          logisticSeriesAt(p, fo, U[i]![j]!, sg, q);
          dev = q === 0 ? sg[0]! - Y[i]![j]! : sg[q]!;
        }
        R[i]![j]![q] = (p.rScale * dev) >> P;
      }
      for (let k = 0; k < l; k++) {
        let acc = 0n;
        for (let j = 0; j < e; j++) {
          const a = TH[aIdx[j]![k]!]!;
          const rr = R[i]![j]!;
          for (let r = 0; r <= q; r++) acc += a[r]! * rr[q - r]!;
        }
        back[i]![k]![q] = acc >> P;
        if (!constrained[k]![i]) delta[i]![k]![q] = (slope[i]![k]! * back[i]![k]![q]!) >> P;
      }
    }
    // sliding points: δ_P = −G_PP^{-1} Σ_{i'∉P} G_{P,i'} δ_{i'}
    for (let k = 0; k < l; k++) {
      const pts = state.slidePoints[k]!;
      if (pts.length === 0) continue;
      const E = pts.map((i) => {
        const Gi = gramRow(i);
        let acc = 0n;
        for (let i2 = 0; i2 < n; i2++) if (!constrained[k]![i2]) acc += Gi[i2]! * delta[i2]![k]![q]!;
        return acc >> P;
      });
      const inv = state.slideInverse[k]!;
      pts.forEach((i, a) => {
        let acc = 0n;
        for (let b = 0; b < pts.length; b++) acc += inv[a]![b]! * E[b]!;
        delta[i]![k]![q] = -(acc >> P);
      });
    }
    // gradient at order q, then θ_{q+1} = −h g_q/(q+1)
    for (let k = 0; k < l; k++) {
      for (let m = 0; m < dIn; m++) {
        let acc = 0n;
        for (let i = 0; i < n; i++) acc += delta[i]![k]![q]! * X[i]![m]!;
        advance(wIdx[k]![m]!, q, acc >> P);
      }
      for (let j = 0; j < e; j++) {
        let acc = 0n;
        for (let i = 0; i < n; i++) {
          const rr = R[i]![j]!;
          const hh = Hs[i]![k]!;
          for (let r = 0; r <= q; r++) acc += rr[r]! * hh[q - r]!;
        }
        advance(aIdx[j]![k]!, q, acc >> P);
      }
    }
    if (p.outputBias) {
      for (let j = 0; j < e; j++) {
        let acc = 0n;
        for (let i = 0; i < n; i++) acc += R[i]![j]![q]!;
        advance(p.outBiasSlots[j]!, q, acc);
      }
    }
  }
  computeZ(Q);
  return { theta: TH, v: V, Z, back, delta };
}
