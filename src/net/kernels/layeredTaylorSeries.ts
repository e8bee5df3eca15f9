import type { FixedLayeredNet } from "./fixedLayeredNet.js";
import { invertFixedMatrix } from "./invertFixedMatrix.js";
import { logisticSeriesAt } from "./logisticSeries.js";
import { type RegionState, type SeriesDynamics, seriesParameters, type TaylorStep } from "./taylorSeries.js";

/** A (point, flat hidden neuron) pair. @internal */
export type KinkPair = readonly [point: number, neuron: number];

/**
 * One back-propagation of one data point as truncated power series: from the loss
 * (seeded with the residuals, `top` = L) or from one pre-activation z_{i,k} (seeded
 * with 1, `top` = its weight layer), which gives the gradient ∇z_{i,k}.
 */
interface Backprop {
  point: number;
  /** The weight layer of the seed. */
  top: number;
  /** δ per weight layer l = 1 … top (index l − 1), unit, order. */
  delta: bigint[][][];
  /** ∂/∂h per hidden layer l = 1 … top − 1 (index l − 1), unit, order: the value before the slope. */
  back: bigint[][][];
}

/**
 * The series of one step of the flow at any depth, with the activation pattern
 * frozen: forward and backward passes on power series in the step variable τ.
 * A pair that slides (side 0) carries h = 0; the δ of a constrained sliding pair
 * is left out of every back-propagation (cut) and solved for separately.
 */
class LayeredSeries {
  readonly P: bigint;
  readonly L: number;
  /** Flat index of the first neuron of hidden layer l (index l − 1). */
  readonly start: number[] = [];
  /** A[i][l][c][q]: the input of weight layer l + 1 (A[i][0] = x_i). */
  readonly A: bigint[][][][];
  /** Zs[i][l][r][q]: the pre-activations of weight layer l + 1 (the last are the outputs). */
  readonly Zs: bigint[][][][];
  readonly R: bigint[][][];
  private readonly U: bigint[][][];
  private readonly Sg: bigint[][][];
  readonly constrained: boolean[][];

  constructor(
    readonly p: FixedLayeredNet,
    readonly TH: bigint[][],
    readonly state: RegionState,
    readonly Q: number,
  ) {
    const { layout, n, X } = p;
    const { widths, depth } = layout;
    this.P = p.F.bigP;
    this.L = depth;
    let s = 0;
    for (let l = 1; l < depth; l++) {
      this.start.push(s);
      s += widths[l]!;
    }
    const zeros = (): bigint[] => new Array<bigint>(Q + 1).fill(0n);
    this.A = Array.from({ length: n }, (_, i) =>
      Array.from({ length: depth }, (_, l) =>
        Array.from({ length: widths[l]! }, (_, c) => {
          const a = zeros();
          if (l === 0) a[0] = X[i]![c]!;
          return a;
        }),
      ),
    );
    this.Zs = Array.from({ length: n }, () => Array.from({ length: depth }, (_, l) => Array.from({ length: widths[l + 1]! }, zeros)));
    const perOutput = (): bigint[][][] => Array.from({ length: n }, () => Array.from({ length: widths[depth]! }, zeros));
    this.R = perOutput();
    this.U = perOutput();
    this.Sg = perOutput();
    this.constrained = state.slidePoints.map((pts) => Array.from({ length: n }, (_, i) => pts.includes(i)));
  }

  /** The slope of a pair that is not a constrained sliding pair (σ'(0) on the surface, as the exact kernel). */
  slope(i: number, k: number): bigint {
    const side = this.state.side[i]![k]!;
    return side > 0 ? this.p.sPlus : side < 0 ? this.p.sMinus : this.p.sZero;
  }

  weight(l: number, r: number, c: number): bigint[] {
    const { weightOffset, widths } = this.p.layout;
    return this.TH[weightOffset[l - 1]! + r * widths[l - 1]! + c]!;
  }

  /** Order q of every pre-activation and hidden output. */
  forwardAt(q: number): void {
    const { P, L, p } = this;
    const { widths, biasOffset } = p.layout;
    for (let i = 0; i < p.n; i++) {
      for (let l = 1; l <= L; l++) {
        const a = this.A[i]![l - 1]!;
        const b0 = biasOffset[l - 1]!;
        for (let r = 0; r < widths[l]!; r++) {
          let acc = 0n;
          for (let c = 0; c < widths[l - 1]!; c++) {
            const w = this.weight(l, r, c);
            const ac = a[c]!;
            for (let s = 0; s <= q; s++) acc += w[s]! * ac[q - s]!;
          }
          const z = (acc >> P) + (b0 < 0 ? 0n : this.TH[b0 + r]![q]!);
          this.Zs[i]![l - 1]![r]![q] = z;
          if (l === L) continue;
          const k = this.start[l - 1]! + r;
          this.A[i]![l]![r]![q] = this.state.side[i]![k] === 0 ? 0n : (this.slope(i, k) * z) >> P;
        }
      }
    }
  }

  /** Order q of the residuals dL/df (mse: rScale·(f − y); bce: rScale·(σ(f) − y), σ as a series through u = e^{−f}). */
  residualAt(q: number): void {
    const { P, p, L } = this;
    for (let i = 0; i < p.n; i++) {
      const f = this.Zs[i]![L - 1]!;
      for (let j = 0; j < f.length; j++) {
        const fo = f[j]!;
        let dev: bigint;
        if (p.loss !== "bce") dev = q === 0 ? fo[0]! - p.Y[i]![j]! : fo[q]!;
        else {
          const sg = this.Sg[i]![j]!;
          logisticSeriesAt(p, fo, this.U[i]![j]!, sg, q);
          dev = q === 0 ? sg[0]! - p.Y[i]![j]! : sg[q]!;
        }
        this.R[i]![j]![q] = (p.rScale * dev) >> P;
      }
    }
  }

  /** A back-propagation from the loss at point i (`pair` undefined) or from z of `pair`. */
  backprop(i: number, pair?: KinkPair): Backprop {
    const { widths } = this.p.layout;
    const zeros = (): bigint[] => new Array<bigint>(this.Q + 1).fill(0n);
    let top = this.L;
    if (pair !== undefined) top = this.p.neuronLayer[pair[1]]!;
    const delta = Array.from({ length: top }, (_, l) => Array.from({ length: widths[l + 1]! }, zeros));
    const back = Array.from({ length: top - 1 }, (_, l) => Array.from({ length: widths[l + 1]! }, zeros));
    if (pair !== undefined) delta[top - 1]![pair[1] - this.start[top - 1]!]![0] = this.p.F.ONE;
    return { point: i, top, delta, back };
  }

  /** Order q of a back-propagation (its seed at order q must be in place). */
  backpropAt(bp: Backprop, q: number): void {
    const { P } = this;
    const { widths } = this.p.layout;
    const i = bp.point;
    if (bp.top === this.L) for (const [j, r] of this.R[i]!.entries()) bp.delta[this.L - 1]![j]![q] = r[q]!;
    for (let l = bp.top; l >= 2; l--) {
      const upper = bp.delta[l - 1]!;
      for (let c = 0; c < widths[l - 1]!; c++) {
        let acc = 0n;
        for (let r = 0; r < widths[l]!; r++) {
          const w = this.weight(l, r, c);
          const d = upper[r]!;
          for (let s = 0; s <= q; s++) acc += w[s]! * d[q - s]!;
        }
        const back = acc >> P;
        bp.back[l - 2]![c]![q] = back;
        const k = this.start[l - 2]! + c;
        bp.delta[l - 2]![c]![q] = this.constrained[k]![i] ? 0n : (this.slope(i, k) * back) >> P;
      }
    }
  }

  /** Adds order q of a back-propagation's gradient to `acc`, unshifted (weights Σ δ·a, biases δ·2^P). */
  gradientAt(bp: Backprop, q: number, acc: bigint[]): void {
    const { widths, weightOffset, biasOffset } = this.p.layout;
    const a = this.A[bp.point]!;
    for (let l = 1; l <= bp.top; l++) {
      const w0 = weightOffset[l - 1]!;
      const b0 = biasOffset[l - 1]!;
      const cols = widths[l - 1]!;
      for (const [r, d] of bp.delta[l - 1]!.entries()) {
        if (b0 >= 0) acc[b0 + r]! += d[q]! << this.P;
        for (let c = 0; c < cols; c++) {
          const ac = a[l - 1]![c]!;
          let s = 0n;
          for (let u = 0; u <= q; u++) s += d[u]! * ac[q - u]!;
          acc[w0 + r * cols + c]! += s;
        }
      }
    }
  }

  /** The back value of a hidden pair (point, flat neuron) inside a back-propagation. */
  backAt(bp: Backprop, k: number): bigint[] {
    const l = this.p.neuronLayer[k]!;
    return bp.back[l - 1]![k - this.start[l - 1]!]!;
  }
}

/** The constrained sliding pairs of a state, in (layer, neuron, point) order. */
function slidingPairs(state: RegionState): KinkPair[] {
  const out: KinkPair[] = [];
  state.slidePoints.forEach((pts, k) => {
    for (const i of pts) out.push([i, k]);
  });
  return out;
}

/**
 * ∇_θ z_{i,k} at θ for each pair, with the activation pattern of `state` (the
 * constrained sliding pairs below each pair cut, as in {@link layeredTaylorStep}):
 * the rows of the sliding constraints, to choose an independent set of them.
 *
 * @internal
 */
export function layeredZGradients(
  p: FixedLayeredNet,
  theta: readonly bigint[],
  state: RegionState,
  pairs: readonly KinkPair[],
): bigint[][] {
  const s = new LayeredSeries(
    p,
    theta.map((v) => [v]),
    state,
    0,
  );
  s.forwardAt(0);
  return pairs.map((pair) => {
    const bp = s.backprop(pair[0], pair);
    s.backpropAt(bp, 0);
    const acc = new Array<bigint>(theta.length).fill(0n);
    s.gradientAt(bp, 0, acc);
    return acc.map((v) => v >> s.P);
  });
}

/**
 * Taylor coefficients up to order Q of the flow through θ(0) = `theta0` for a
 * network of any depth (the series fast path of the exact kernel: its order-0
 * gradient is −θ_1/h, bit for bit `fixedLayeredField`), with the activation
 * pattern frozen to `state`: every order q runs the forward pass (z, h = s·z per
 * layer, the outputs, the residuals) and the back-propagation (back = Wᵀδ,
 * δ = s·back per layer, the gradient) on truncated power series, then
 * θ_{q+1} = −h·g_q/(q + 1) (with weight decay and the heavy ball as in `taylorStep`).
 *
 * Filippov sliding: the δ of every constrained sliding pair p is an unknown, the
 * gradient is g = g₀ + Σ_p δ_p∇z_p (g₀ the back-propagation with those δ cut), and
 * ż_p = ∇z_p·θ' = 0 for every p is the linear system Σ_p' (∇z_p·∇z_p')δ_p' =
 * −∇z_p·(g₀ + λθ). Its matrix depends on θ in deep layers (in the first layer it is
 * the constant Gram matrix of the inputs), so it is solved order by order with the
 * inverse of its order-0 term: θ' is −(g₀ + λθ) projected onto the tangent space
 * of the sliding surfaces.
 *
 * @internal
 */
export function layeredTaylorStep(
  p: FixedLayeredNet,
  theta0: readonly bigint[],
  state: RegionState,
  h: bigint,
  Q: number,
  dynamics: SeriesDynamics = {},
): TaylorStep {
  const P = p.F.bigP;
  const size = theta0.length;
  const { TH, V, advance } = seriesParameters(theta0, Q, h, P, dynamics);
  const decay = dynamics.decay ?? 0n;
  const S = new LayeredSeries(p, TH, state, Q);
  const pairs = slidingPairs(state);
  const base = Array.from({ length: p.n }, (_, i) => S.backprop(i));
  const rows = pairs.map((pair) => S.backprop(pair[0], pair));
  // J[a][slot][q]: ∇z of sliding pair a; G[q][a][b] = (J_a·J_b)_q; delta[a][q] its solved δ.
  const J = pairs.map(() => Array.from({ length: size }, () => new Array<bigint>(Q + 1).fill(0n)));
  const G: bigint[][][] = [];
  const delta = pairs.map(() => new Array<bigint>(Q + 1).fill(0n));
  let inverse: bigint[][] = [];
  const g0 = Array.from({ length: size }, () => new Array<bigint>(Q + 1).fill(0n));
  const dotSeries = (x: bigint[][], y: bigint[][], q: number): bigint => {
    let acc = 0n;
    for (let slot = 0; slot < size; slot++) {
      const xs = x[slot]!;
      const ys = y[slot]!;
      for (let s = 0; s <= q; s++) acc += xs[s]! * ys[q - s]!;
    }
    return acc >> P;
  };
  const e: bigint[][] = pairs.length === 0 ? [] : Array.from({ length: size }, () => new Array<bigint>(Q + 1).fill(0n));
  for (let q = 0; q < Q; q++) {
    S.forwardAt(q);
    S.residualAt(q);
    const acc = new Array<bigint>(size).fill(0n);
    for (const bp of base) {
      S.backpropAt(bp, q);
      S.gradientAt(bp, q, acc);
    }
    for (let slot = 0; slot < size; slot++) g0[slot]![q] = acc[slot]! >> P;
    const g = g0.map((c) => c[q]!);
    if (pairs.length > 0) {
      rows.forEach((bp, a) => {
        S.backpropAt(bp, q);
        const r = new Array<bigint>(size).fill(0n);
        S.gradientAt(bp, q, r);
        for (let slot = 0; slot < size; slot++) J[a]![slot]![q] = r[slot]! >> P;
      });
      for (let slot = 0; slot < size; slot++)
        e[slot]![q] = dynamics.decayed?.[slot] === false ? g0[slot]![q]! : g0[slot]![q]! + ((decay * TH[slot]![q]!) >> P);
      G.push(pairs.map((_, a) => pairs.map((_, b) => dotSeries(J[a]!, J[b]!, q))));
      if (q === 0) inverse = invertFixedMatrix(p.F, G[0]!);
      const rhs = pairs.map((_, a) => {
        let known = 0n;
        for (let u = 0; u < q; u++) for (let b = 0; b < pairs.length; b++) known += G[q - u]![a]![b]! * delta[b]![u]!;
        return -dotSeries(J[a]!, e, q) - (known >> P);
      });
      pairs.forEach((_, a) => {
        let s = 0n;
        for (let b = 0; b < pairs.length; b++) s += inverse[a]![b]! * rhs[b]!;
        delta[a]![q] = s >> P;
      });
      for (let slot = 0; slot < size; slot++) {
        let s = 0n;
        for (let a = 0; a < pairs.length; a++) for (let u = 0; u <= q; u++) s += delta[a]![u]! * J[a]![slot]![q - u]!;
        g[slot] = g[slot]! + (s >> P);
      }
    }
    for (let slot = 0; slot < size; slot++) advance(slot, q, g[slot]!);
  }
  S.forwardAt(Q);
  const { n, l } = p;
  const Z = Array.from({ length: n }, (_, i) =>
    Array.from({ length: l }, (_, k) => {
      const layer = p.neuronLayer[k]!;
      return S.Zs[i]![layer - 1]![k - S.start[layer - 1]!]!;
    }),
  );
  // back and δ of the constrained pairs, for their release: back includes the solved δ of the pairs above
  const backOut = Array.from({ length: n }, () => Array.from({ length: l }, () => new Array<bigint>(Q + 1).fill(0n)));
  const deltaOut = Array.from({ length: n }, () => Array.from({ length: l }, () => new Array<bigint>(Q + 1).fill(0n)));
  pairs.forEach(([i, k], a) => {
    const layer = p.neuronLayer[k]!;
    const b0 = S.backAt(base[i]!, k);
    const out = backOut[i]![k]!;
    for (let q = 0; q < Q; q++) {
      let s = 0n;
      pairs.forEach(([i2, k2], b) => {
        if (i2 !== i || p.neuronLayer[k2]! <= layer) return;
        const bk = S.backAt(rows[b]!, k);
        for (let u = 0; u <= q; u++) s += delta[b]![u]! * bk[q - u]!;
      });
      out[q] = b0[q]! + (s >> P);
    }
    deltaOut[i]![k] = delta[a]!;
  });
  return { theta: TH, v: V, Z, back: backOut, delta: deltaOut };
}
