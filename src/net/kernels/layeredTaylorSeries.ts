import type { FixedLayeredNet } from "./fixedLayeredNet.js";
import { invertFixedMatrix } from "./invertFixedMatrix.js";
import { logisticSeriesAt } from "./logisticSeries.js";
import { slopeOnSide } from "../slopeOnSide.js";
import { at } from "../../scalar/at.js";
import { addScaled, addSeriesProducts, cauchyAt, constantDotAt, dotUnshifted, seriesDotAt } from "./_internals/seriesProducts.js";
import { SeriesMirror } from "./_internals/seriesMirror.js";
import { floatSeriesTail } from "./_internals/floatSeriesTail.js";
import {
  addTiedProducts,
  averagePoolAt,
  constantTiedDotAt,
  liveOf,
  maxReaders,
  poolBackAt,
  type UnrolledLayer,
} from "./_internals/unrolledConv.js";

/**
 * The activation state of the Taylor integrator: per (point i, neuron k) the
 * side +1 (z > 0), −1 (z < 0), or 0 when the flow slides along z_{k,i} = 0.
 *
 * @internal
 */
export interface RegionState {
  side: number[][];
  /** Per neuron, the sliding points whose constraints ż = 0 are solved for (their ∇z linearly independent; other points at 0 lie in their span). */
  slidePoints: number[][];
  /**
   * With max pooling: per point and weight layer (index l − 1), the unit of that layer each pooled entry
   * takes (its window's current maximum), undefined for a layer that does not max-pool.
   */
  select?: (Int32Array | undefined)[][] | undefined;
  /**
   * Max-pool ties the flow slides along (h_u = h_v in one window, the window selecting v): the
   * constraint ṡ = 0 on s = h_u − h_v is solved for like a sliding pair's, its multiplier μ = λβ the
   * share λ of the pooled gradient β that reaches u.
   */
  ties?: PoolTie[] | undefined;
}

/**
 * A max-pool tie: at point i, in weight layer `layer` (index l − 1), pooled entry m selects unit v and
 * unit u of its window is equal to it (units of the layer, channel·positions + position).
 *
 * @internal
 */
export interface PoolTie {
  readonly i: number;
  readonly layer: number;
  readonly m: number;
  readonly u: number;
  readonly v: number;
}

/**
 * The dynamics whose series {@link layeredTaylorStep} computes, beyond the gradient flow
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
  /** z_{k,i} coefficients 0..Q, indexed [i][k] (k a flat kink unit). */
  Z: bigint[][][];
  /** h_{k,i} = σ(z_{k,i}) coefficients 0..Q (0 for a sliding pair), indexed like Z: what max pooling compares. */
  H: bigint[][][];
  /** back_{i,k} = Σ_j a_jk r_ij and δ_{i,k} (0..Q−1), only for pairs on their surfaces (side 0). */
  back: bigint[][][];
  delta: bigint[][][];
  /**
   * The first nested pair of sliding pairs in the step, if any: a constrained pair (point, `upper`)
   * whose z reads, at some order of the step, a pair (point, `lower`) of a lower layer that is on its
   * surface too. The upper gradient then depends on the lower pair's σ′, undefined at its kink.
   */
  nested?: { point: number; lower: number; upper: number } | undefined;
  /** Per tie of the state: β, the pooled entry's gradient ∂L/∂a_m, and the solved multiplier μ (0..Q−1); λ = μ/β. */
  ties: { beta: bigint[]; mu: bigint[] }[];
  /** The first order the float tail computed (`floated`), undefined when every order is BigInt's. */
  floatedFrom?: number | undefined;
}

/**
 * The series of the parameters (and velocities) of one step, θ_0 (and v_0) in place, and
 * the one rule every Taylor kernel takes from a gradient coefficient g_q to the next order:
 * θ_{q+1} = −h·(g_q + λθ_q)/(q + 1), or under the heavy ball θ_{q+1} = h·v_q/(q + 1) and
 * v_{q+1} = −h·(γv_q + g_q)/(q + 1).
 *
 * @internal
 */
function seriesParameters(
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
  // q + 1 as a BigInt per order, made once
  const divisors = Array.from({ length: Q + 1 }, (_, q) => BigInt(q + 1));
  const advance = (slot: number, q: number, g: bigint): void => {
    const q1 = divisors[q]!;
    const th = TH[slot]!;
    if (heavy === undefined) {
      const d = decay === 0n || dynamics.decayed?.[slot] === false ? g : g + ((decay * th[q]!) >> P);
      th[q + 1] = -((h * d) >> P) / q1;
      return;
    }
    const v = V[slot]!;
    const vq = v[q]!;
    th[q + 1] = ((h * vq) >> P) / q1;
    v[q + 1] = -((h * (((heavy.gamma * vq) >> P) + g)) >> P) / q1;
  };
  return { TH, V, advance };
}

/** A (point, flat kink unit) pair. @internal */
export type KinkPair = readonly [point: number, neuron: number];

/**
 * One weight layer of the series: its weight and bias series (the arrays of θ's
 * series, advanced in place), by row and by column, and where they sit in θ.
 */
interface SeriesLayer {
  /** W[r][c]: the series of weight (r, c). */
  readonly W: bigint[][][];
  /** WT[c][r]: the same series by column, to send δ back. */
  readonly WT: bigint[][][];
  /** b[r]: the series of bias r, or undefined without a bias. */
  readonly b: bigint[][] | undefined;
  /** θ index of weight (0, 0) and of bias 0 (−1: no bias); a row has `cols` weights. */
  readonly w0: number;
  readonly b0: number;
  readonly cols: number;
  /** Flat index of the first hidden neuron this layer feeds (its outputs, below the last layer). */
  readonly start: number;
  /** A convolution's (or any layer's of a network with convolutions) unrolled view: θ slot per dense entry, pooling after it. */
  readonly tied: UnrolledLayer | undefined;
}

/** One data point in the series: its data, per-layer series and, per flat hidden neuron, the slopes of its passes. */
interface PointSeries {
  readonly x: readonly bigint[];
  readonly y: readonly bigint[];
  /** A[l][c][q]: the input of weight layer l + 1 (A[0] = x): H[l − 1], or its pooled entries. */
  readonly A: bigint[][][];
  /** H[l][u][q]: the activation of the units of weight layer l + 1, below the last layer. */
  readonly H: bigint[][][];
  /** Per pooled hidden layer (index = layer − 1), per unit, the pooled entries that read it at this point. */
  readonly readers: (readonly (readonly number[])[] | undefined)[];
  /** Zs[l][r][q]: the pre-activations of weight layer l + 1 (the last are the outputs). */
  readonly Zs: bigint[][][];
  /** Per output: the residual series, and under bce the series of e^{−f}'s companion w and of σ(f). */
  readonly R: bigint[][];
  readonly U: bigint[][];
  readonly Sg: bigint[][];
  /** Per flat hidden neuron, h = forward·z: the slope, 0 when the pair slides (side 0). */
  readonly forward: readonly bigint[];
  /** Per flat hidden neuron, δ = backward·back: the slope (σ'(0) on the surface), 0 for a constrained sliding pair (cut). */
  readonly backward: readonly bigint[];
  /**
   * Per hidden layer (index = layer − 1), the units a product must visit; the others' series
   * are identically 0 in this region, and a product with them adds nothing (ReLU's inactive
   * units, about half of them, would otherwise cost as much as the active ones):
   * `feeds`, whose output h = forward·z the layer above reads (forward ≠ 0), as the layer above's
   * input columns (after a pooling: the pooled entries that read such a unit);
   * `passes`, whose δ = backward·back is not 0 (rows of the layer's gradient and of the
   * back-propagation below); `backs`, whose back value is computed: those that pass, and
   * those on their surface (side 0), whose back is read at their release.
   */
  readonly feeds: readonly (readonly number[])[];
  readonly passes: readonly (readonly number[])[];
  /**
   * Unrolled layers only, per weight layer (index l − 1, the first undefined): per row the columns of
   * `feeds` that hold a weight, and per column the rows of `passes` that hold one (structural zeros
   * add nothing to a product either).
   */
  readonly rowFeeds: (readonly (readonly number[])[] | undefined)[];
  readonly columnPasses: (readonly (readonly number[])[] | undefined)[];
  readonly backs: readonly (readonly number[])[];
}

/** The units c of each hidden layer (flat neuron start + c) for which `keep` holds. */
function unitsWhere(layers: readonly SeriesLayer[], widths: readonly number[], keep: (k: number) => boolean): number[][] {
  return layers.slice(0, -1).map((layer, l) => {
    const out: number[] = [];
    for (let c = 0; c < at(widths, l + 1); c++) if (keep(layer.start + c)) out.push(c);
    return out;
  });
}

/**
 * One back-propagation of one data point as truncated power series: from the loss
 * (seeded with the residuals, `top` = L) or from one pre-activation z_{i,k} (seeded
 * with 1, `top` = its weight layer), which gives the gradient ∇z_{i,k}.
 */
interface Backprop {
  point: PointSeries;
  /** The weight layer of the seed. */
  top: number;
  /** δ per weight layer l = 1 … top (index l − 1), unit, order. */
  delta: bigint[][][];
  /** ∂/∂h per hidden layer l = 1 … top − 1 (index l − 1), unit, order: the value before the slope. */
  back: bigint[][][];
  /** ∂/∂a of the pooled entries per hidden layer l = 1 … top − 1 that pools (index l − 1), entry, order. */
  pooled: (bigint[][] | undefined)[];
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
  readonly layers: readonly SeriesLayer[];
  readonly points: readonly PointSeries[];
  /** The float shadow of the products of high orders (undefined: every product in BigInt). */
  readonly mirror: SeriesMirror | undefined;

  constructor(
    readonly p: FixedLayeredNet,
    readonly TH: bigint[][],
    state: RegionState,
    readonly Q: number,
    shadowed = false,
  ) {
    const { layout } = p;
    const { depth, weightOffset, biasOffset } = layout;
    // with convolutions the series run on the unrolled dense net: its units are channels × positions
    const widths = p.unrolled?.widths ?? layout.widths;
    this.P = p.F.bigP;
    this.L = depth;
    this.mirror = shadowed ? new SeriesMirror(p.F.P) : undefined;
    // the weight of a structural zero of an unrolled convolution: never advanced
    const zero = new Array<bigint>(Q + 1).fill(0n);
    let start = 0;
    this.layers = Array.from({ length: depth }, (_, l) => {
      const rows = at(widths, l + 1);
      const tied = p.unrolled?.layers[l];
      const cols = tied?.cols ?? at(widths, l);
      const w0 = at(weightOffset, l);
      const b0 = at(biasOffset, l);
      const W =
        tied === undefined
          ? Array.from({ length: rows }, (_, r) => TH.slice(w0 + r * cols, w0 + (r + 1) * cols))
          : tied.slots.map((row) => Array.from(row, (slot) => (slot < 0 ? zero : at(TH, slot))));
      const dense = b0 < 0 ? undefined : TH.slice(b0, b0 + rows);
      const layer = {
        W,
        WT: Array.from({ length: cols }, (_, c) => W.map((row) => at(row, c))),
        b: tied === undefined ? dense : tied.bias && Array.from(tied.bias, (slot) => at(TH, slot)),
        w0,
        b0,
        cols,
        start,
        tied,
      };
      start += rows;
      return layer;
    });
    const zeros = (): bigint[] => new Array<bigint>(Q + 1).fill(0n);
    this.points = p.X.map((x, i) => {
      const outputs = (): bigint[][] => Array.from({ length: at(widths, depth) }, zeros);
      const side = at(state.side, i);
      const forward = side.map((sd) => (sd === 0 ? 0n : slopeOnSide(p.slopes, sd)));
      const backward = side.map((sd, k) => (at(state.slidePoints, k).includes(i) ? 0n : slopeOnSide(p.slopes, sd)));
      const H = widths.slice(1, depth).map((w) => Array.from({ length: w }, zeros));
      const select = state.select?.[i];
      const pools = this.layers.slice(0, -1).map(({ tied }) => tied?.pool);
      const readers = pools.map((pool, l) => {
        if (pool === undefined) return undefined;
        return pool.kind === "avg" ? pool.readers : maxReaders(at(widths, l + 1), at(select ?? [], l) as Int32Array);
      });
      const live = unitsWhere(this.layers, widths, (k) => at(forward, k) !== 0n);
      const feeds = live.map((units, l) => {
        const reads = readers[l];
        if (reads === undefined) return units;
        const fed = new Set<number>();
        for (const u of units) for (const m of at(reads, u)) fed.add(m);
        return [...fed].sort((a, b) => a - b);
      });
      const passes = unitsWhere(this.layers, widths, (k) => at(backward, k) !== 0n);
      return {
        x,
        y: at(p.Y, i),
        A: this.layers.map((layer, l) => {
          if (l === 0)
            return Array.from({ length: layer.cols }, (_, c) => {
              const a = zeros();
              a[0] = at(x, c);
              return a;
            });
          const pool = pools[l - 1];
          const h = at(H, l - 1);
          if (pool === undefined) return h;
          // a max-pooled entry is the series of its selected unit itself
          if (pool.kind === "max") return Array.from(at(select ?? [], l - 1) as Int32Array, (u) => at(h, u));
          return pool.windows.map(zeros);
        }),
        H,
        readers,
        Zs: widths.slice(1).map((w) => Array.from({ length: w }, zeros)),
        R: outputs(),
        U: outputs(),
        Sg: outputs(),
        forward,
        backward,
        feeds,
        passes,
        rowFeeds: this.layers.map(({ tied }, l) =>
          l === 0 || tied === undefined ? undefined : tied.nonzero.map((nz) => liveOf(nz, at(feeds, l - 1))),
        ),
        columnPasses: this.layers.map(({ tied }, l) => {
          const rows = passes[l];
          return tied === undefined || rows === undefined ? undefined : tied.columnRows.map((rs) => liveOf(rs, rows));
        }),
        backs: unitsWhere(this.layers, widths, (k) => at(backward, k) !== 0n || at(side, k) === 0),
      };
    });
  }

  /** Order q of every pre-activation and hidden output. */
  forwardAt(q: number): void {
    const { P, layers, points, mirror } = this;
    const ONE = this.p.F.ONE;
    // indexed loops with unchecked reads: the constructor built every array these indices walk
    for (let i = 0; i < points.length; i++) {
      const pt = points[i]!;
      for (let l = 0; l < layers.length; l++) {
        const layer = layers[l]!;
        const { W, b, tied, start } = layer;
        const a = pt.A[l]!;
        const zs = pt.Zs[l]!;
        // the outputs of a hidden layer (none after the last layer), which the next reads, pooled or not
        const hs = pt.H[l];
        const feeds = l === 0 ? undefined : pt.feeds[l - 1]!;
        const rowFeeds = pt.rowFeeds[l];
        for (let r = 0; r < W.length; r++) {
          const w = W[r]!;
          // the data are constant in τ: the first layer's convolution has one term
          const nonzero = tied?.nonzero[r];
          const acc =
            feeds !== undefined
              ? seriesDotAt(w, a, q, rowFeeds?.[r] ?? feeds, mirror, true)
              : nonzero === undefined
                ? constantDotAt(w, pt.x, q)
                : constantTiedDotAt(w, nonzero, pt.x, q);
          const z = (acc >> P) + (b === undefined ? 0n : b[r]![q]!);
          zs[r]![q] = z;
          if (hs === undefined) continue;
          // a unit that does not feed keeps h ≡ 0; a slope of 1 (ReLU's) leaves z as it is
          const slope = pt.forward[start + r]!;
          if (slope !== 0n) hs[r]![q] = slope === ONE ? z : (slope * z) >> P;
        }
        const pool = tied?.pool;
        if (hs !== undefined && pool?.kind === "avg") averagePoolAt(pool, hs, pt.A[l + 1]!, q);
      }
    }
  }

  /** Order q of the residuals dL/df (mse: rScale·(f − y); bce: rScale·(σ(f) − y), σ as a series through u = e^{−f}). */
  residualAt(q: number): void {
    const { P, p, L, points } = this;
    for (let i = 0; i < points.length; i++) {
      const pt = points[i]!;
      const outputs = pt.Zs[L - 1]!;
      for (let j = 0; j < outputs.length; j++) {
        const fo = outputs[j]!;
        let dev: bigint;
        if (p.loss !== "bce") dev = q === 0 ? fo[0]! - pt.y[j]! : fo[q]!;
        else {
          const sg = at(pt.Sg, j);
          logisticSeriesAt(p, fo, at(pt.U, j), sg, q);
          dev = q === 0 ? at(sg, 0) - at(pt.y, j) : at(sg, q);
        }
        pt.R[j]![q] = (p.rScale * dev) >> P;
      }
    }
  }

  /**
   * A back-propagation from the loss at point i (`pair` undefined), from z of `pair`, or from
   * s = h_u − h_v of a max-pool tie (seeded σ′_u at z_u and −σ′_v at z_v).
   */
  backprop(i: number, pair?: KinkPair | PoolTie): Backprop {
    const widths = this.p.unrolled?.widths ?? this.p.layout.widths;
    const zeros = (): bigint[] => new Array<bigint>(this.Q + 1).fill(0n);
    if (pair !== undefined && !Array.isArray(pair)) {
      const tie = pair as PoolTie;
      const bp = this.backprop(i, [i, at(this.layers, tie.layer).start + tie.u]);
      const seed = at(bp.delta, tie.layer);
      const slopes = at(this.points, i).forward;
      const { start } = at(this.layers, tie.layer);
      at(seed, tie.u)[0] = at(slopes, start + tie.u);
      at(seed, tie.v)[0] = -at(slopes, start + tie.v);
      return bp;
    }
    const kink = pair as KinkPair | undefined;
    const top = kink === undefined ? this.L : at(this.p.unitLayer, kink[1]);
    const delta = widths.slice(1, top + 1).map((w) => Array.from({ length: w }, zeros));
    const back = widths.slice(1, top).map((w) => Array.from({ length: w }, zeros));
    const pooled = this.layers
      .slice(0, top - 1)
      .map((layer, l) => (layer.tied?.pool === undefined ? undefined : Array.from({ length: at(this.layers, l + 1).cols }, zeros)));
    if (kink !== undefined) at(at(delta, top - 1), kink[1] - at(this.layers, top - 1).start)[0] = this.p.F.ONE;
    return { point: at(this.points, i), top, delta, back, pooled };
  }

  /** Order q of a back-propagation (its seed at order q must be in place). */
  backpropAt(bp: Backprop, q: number): void {
    const { P, layers, mirror } = this;
    const ONE = this.p.F.ONE;
    const pt = bp.point;
    // indexed loops with unchecked reads, as in forwardAt
    if (bp.top === this.L) {
      const top = bp.delta[this.L - 1]!;
      for (let j = 0; j < top.length; j++) top[j]![q] = pt.R[j]![q]!;
    }
    for (let l = bp.top; l >= 2; l--) {
      const upper = bp.delta[l - 1]!;
      // below the seed, only the units that pass carry a δ
      const rows = l === bp.top ? undefined : pt.passes[l - 1]!;
      const backs = bp.back[l - 2]!;
      const deltas = bp.delta[l - 2]!;
      const { start, tied } = layers[l - 2]!;
      const { WT, tied: above } = layers[l - 1]!;
      // an unrolled column visits only the rows that hold its weight (and pass, below the seed)
      const sparse = above === undefined ? undefined : l === bp.top ? above.columnRows : pt.columnPasses[l - 1];
      // after a pooling, Wᵀδ is ∂/∂a of the pooled entries, and ∂/∂h = Πᵀ of it
      const pool = tied?.pool;
      const pooled = bp.pooled[l - 2];
      if (pooled !== undefined)
        for (let m = 0; m < pooled.length; m++) pooled[m]![q] = seriesDotAt(WT[m]!, upper, q, sparse?.[m] ?? rows, mirror, true) >> P;
      const units = pt.backs[l - 2]!;
      for (let j = 0; j < units.length; j++) {
        const c = units[j]!;
        const back =
          pool === undefined || pooled === undefined
            ? seriesDotAt(WT[c]!, upper, q, sparse?.[c] ?? rows, mirror, true) >> P
            : poolBackAt(pool, pt.readers[l - 2]![c]!, pooled, q);
        backs[c]![q] = back;
        // a unit that does not pass keeps δ ≡ 0; a slope of 1 leaves back as it is
        const slope = pt.backward[start + c]!;
        if (slope !== 0n) deltas[c]![q] = slope === ONE ? back : (slope * back) >> P;
      }
    }
  }

  /** Adds order q of a back-propagation's gradient to `acc`, unshifted (weights Σ δ·a, biases δ·2^P). */
  gradientAt(bp: Backprop, q: number, acc: bigint[]): void {
    const { P, layers, mirror } = this;
    const pt = bp.point;
    // indexed loops with unchecked reads, as in forwardAt
    for (let l = 0; l < bp.delta.length; l++) {
      const deltas = bp.delta[l]!;
      const { w0, b0, cols, start, tied } = layers[l]!;
      const a = pt.A[l]!;
      const feeds = l === 0 ? undefined : pt.feeds[l - 1]!;
      const seeded = l === bp.top - 1;
      for (let r = 0; r < deltas.length; r++) {
        // below the seed's layer, a row whose unit does not pass has δ ≡ 0 and adds nothing
        if (!seeded && pt.backward[start + r] === 0n) continue;
        const d = deltas[r]!;
        const dq = d[q]!;
        if (tied !== undefined) {
          // an unrolled row: its entries and its bias are θ slots shared with other rows
          const bias = tied.bias?.[r];
          if (bias !== undefined) acc[bias] = acc[bias]! + (dq << P);
          const input = feeds === undefined ? { x: pt.x } : { as: a, live: feeds };
          addTiedProducts(acc, tied.slots[r]!, tied.nonzero[r]!, d, q, input);
          continue;
        }
        if (b0 >= 0) acc[b0 + r] = acc[b0 + r]! + (dq << P);
        // constant inputs: one term
        if (feeds === undefined) addScaled(acc, w0 + r * cols, dq, pt.x);
        else addSeriesProducts(acc, w0 + r * cols, d, a, q, feeds, mirror, true);
      }
    }
  }

  /** The back value of a hidden pair (point, flat kink unit) inside a back-propagation. */
  backAt(bp: Backprop, k: number): bigint[] {
    const l = at(this.p.unitLayer, k);
    return at(at(bp.back, l - 1), k - at(this.layers, l - 1).start);
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
 * θ_{q+1} = −h·g_q/(q + 1) (with weight decay −h·(g_q + λθ_q)/(q + 1); under the heavy ball θ_{q+1} = h·v_q/(q + 1) and
 * v_{q+1} = −h·(γv_q + g_q)/(q + 1)).
 *
 * Filippov sliding: the δ of every constrained sliding pair p is an unknown, the
 * gradient is g = g₀ + Σ_p δ_p∇z_p (g₀ the back-propagation with those δ cut), and
 * ż_p = ∇z_p·θ' = 0 for every p is the linear system Σ_p' (∇z_p·∇z_p')δ_p' =
 * −∇z_p·(g₀ + λθ). Its matrix depends on θ in deep layers (in the first layer it is
 * the constant Gram matrix of the inputs), so it is solved order by order with the
 * inverse of its order-0 term: θ' is −(g₀ + λθ) projected onto the tangent space
 * of the sliding surfaces.
 *
 * `shadowed` (the default) sums the series products of high orders in double-, triple- or
 * quadruple-double (in WebAssembly; in the passes, with their end terms where these are small)
 * where that is within a quarter unit of 2^−P before the shift (`SeriesMirror`): the coefficients
 * may then differ from the exact BigInt sums (`shadowed` false) by a unit of 2^−P per
 * product floor, propagated through the recursion. `floated` (on with the shadow; the exact
 * engine, `shadowed` false, uses neither) runs the whole step from order 0 in WebAssembly (with
 * at least 8 orders, and θ(0) and the data exact as float expansions: up to about 45 digits),
 * else the orders from q0 on (where quadruple-double suffices, about (P − 180)/2.9), every series
 * a float expansion, each sum within a quarter unit of 2^−P (the low orders summed exactly where
 * no float level's bound holds) and no floors (`floatSeriesTail`), for the steps in its scope:
 * fully connected layers, mse, no pair on its surface, no heavy ball. It is held to the exact
 * engine within 2^12 units like the mirror; where its bounds fail, the BigInt orders go on
 * (`floatedFrom` says which order it took over).
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
  shadowed = true,
  floated: boolean = shadowed,
): TaylorStep {
  const P = p.F.bigP;
  const size = theta0.length;
  const { TH, V, advance } = seriesParameters(theta0, Q, h, P, dynamics);
  const decay = dynamics.decay ?? 0n;
  const S = new LayeredSeries(p, TH, state, Q, shadowed);
  const zeros = (): bigint[] => new Array<bigint>(Q + 1).fill(0n);
  const base = Array.from({ length: p.n }, (_, i) => S.backprop(i));
  // Per sliding pair a: its back-propagation, J[slot][q] = ∇z_a, G[b][q] = (J_a·J_b)_q and its solved δ[q].
  // the ties' constraints after the pairs': s = h_u − h_v is a constraint like z, with its own seed
  const pairs = slidingPairs(state);
  const ties = state.ties ?? [];
  const constraint = (bp: Backprop) => ({
    bp,
    J: Array.from({ length: size }, zeros),
    G: [...pairs, ...ties].map(zeros),
    delta: zeros(),
  });
  const kinks = pairs.map((pair) => ({ pair, ...constraint(S.backprop(pair[0], pair)) }));
  const tied = ties.map((tie) => constraint(S.backprop(tie.i, tie)));
  const sliding = [...kinks, ...tied];
  const deltas = sliding.map((a) => a.delta);
  let inverse: bigint[][] = [];
  const e: bigint[][] = sliding.length === 0 ? [] : Array.from({ length: size }, zeros);
  // the float tail's next first order (Q: none): from order 0 (the low orders summed exactly) when the
  // step is long enough to pay for it, else, or when that fails, from tailOrder, tried at most three
  // times, two orders later each
  const scoped = floated && sliding.length === 0 && inTailScope(p, state, dynamics);
  const later = tailOrder(p.F.P);
  let tailFrom = scoped ? (Q >= WHOLE_STEP_ORDERS && p.F.P <= WHOLE_STEP_BITS ? 0 : later) : Q;
  let tries = 0;
  let tailed = false;
  let floatedFrom: number | undefined;
  for (let q = 0; q < Q; q++) {
    if (q === tailFrom) {
      const failed = floatSeriesTail({
        P: p.F.P,
        Q,
        q0: q,
        wholeBelow: later,
        h,
        decay,
        decayed: dynamics.decayed,
        rScale: p.rScale,
        ONE: p.F.ONE,
        theta: TH,
        layers: S.layers,
        points: S.points.map((pt, i) => ({ ...pt, delta: at(base, i).delta, back: at(base, i).back })),
      });
      if (failed === undefined) {
        tailed = true;
        floatedFrom = q;
        break;
      }
      if (q === 0) tailFrom = Math.min(later, Q);
      else tailFrom = ++tries < 3 && failed === q ? q + 2 : Q;
    }
    S.forwardAt(q);
    S.residualAt(q);
    const acc = new Array<bigint>(size).fill(0n);
    for (let i = 0; i < base.length; i++) {
      const bp = base[i]!;
      S.backpropAt(bp, q);
      S.gradientAt(bp, q, acc);
    }
    let g = acc;
    for (let slot = 0; slot < size; slot++) g[slot] = acc[slot]! >> P;
    if (sliding.length > 0) {
      for (const a of sliding) {
        S.backpropAt(a.bp, q);
        const r = new Array<bigint>(size).fill(0n);
        S.gradientAt(a.bp, q, r);
        for (const [slot, c] of a.J.entries()) c[q] = at(r, slot) >> P;
      }
      for (const [slot, c] of e.entries()) {
        const gq = at(g, slot);
        c[q] = dynamics.decayed?.[slot] === false ? gq : gq + ((decay * at(at(TH, slot), q)) >> P);
      }
      for (const a of sliding) for (const [b, c] of a.G.entries()) c[q] = seriesDotAt(a.J, at(sliding, b).J, q, undefined, S.mirror) >> P;
      if (q === 0)
        inverse = invertFixedMatrix(
          p.F,
          sliding.map((a) => a.G.map((c) => at(c, 0))),
        );
      // Σ_{u<q} Σ_b G_q−u[a][b]·δ_b[u]: the order-q product of the series G[a][b] and δ_b, whose order q is still 0
      const rhs = sliding.map(
        (a) => -(seriesDotAt(a.J, e, q, undefined, S.mirror) >> P) - (seriesDotAt(a.G, deltas, q, undefined, S.mirror) >> P),
      );
      for (const [a, { delta }] of sliding.entries()) delta[q] = dotUnshifted(at(inverse, a), rhs) >> P;
      g = g.map((gq, slot) => {
        let s = 0n;
        for (const a of sliding) s += cauchyAt(a.delta, at(a.J, slot), q, S.mirror);
        return gq + (s >> P);
      });
    }
    for (let slot = 0; slot < size; slot++) advance(slot, q, g[slot]!);
  }
  if (!tailed) S.forwardAt(Q);
  // z and h of every hidden kink unit, flat (layer by layer), per point
  const Z = S.points.map((pt) => pt.Zs.slice(0, -1).flat());
  const H = S.points.map((pt) => pt.H.flat());
  // back and δ of the constrained pairs, for their release: back includes the solved δ of the pairs above
  const backOut = Array.from({ length: p.n }, () => Array.from({ length: p.units }, zeros));
  const deltaOut = Array.from({ length: p.n }, () => Array.from({ length: p.units }, zeros));
  // and of the pairs on their surfaces that no constraint holds (their δ the slope σ′(0) times back, as the
  // series took it): a group of pairs on one shared surface is released by all of its members' values
  const held = new Set(kinks.map(({ pair: [i, k] }) => i * p.units + k));
  const free = state.side.flatMap((row, i) =>
    row.flatMap((sd, k) => (sd === 0 && !held.has(i * p.units + k) ? [{ pair: [i, k] as KinkPair, delta: undefined }] : [])),
  );
  for (const { pair, delta } of [...kinks, ...free]) {
    const [i, k] = pair;
    const layer = at(p.unitLayer, k);
    const below = S.backAt(at(base, i), k);
    const above = kinks.filter(({ pair: [i2, k2] }) => i2 === i && at(p.unitLayer, k2) > layer);
    const out = at(at(backOut, i), k);
    for (let q = 0; q < Q; q++) {
      let s = 0n;
      for (const b of above) s += cauchyAt(b.delta, S.backAt(b.bp, k), q, S.mirror);
      out[q] = at(below, q) + (s >> P);
    }
    at(deltaOut, i)[k] = delta ?? out.map((b) => (p.slopes.atZero * b) >> P);
  }
  // β of a tie: the pooled entry's ∂L/∂a_m in the loss's back-propagation at its point
  const tieOut = ties.map((tie, a) => ({
    beta: at(at(at(base, tie.i).pooled, tie.layer) ?? [], tie.m).slice(0, Q),
    mu: at(tied, a).delta.slice(0, Q),
  }));
  return {
    theta: TH,
    v: V,
    Z,
    H,
    back: backOut,
    delta: deltaOut,
    nested: firstNested(p, S, state, kinks, Q),
    ties: tieOut,
    floatedFrom,
  };
}

/**
 * Whether the float tail (`floatSeriesTail`) covers a step: fully connected layers, a residual
 * rScale·(f − y), no pair on its surface, no pooling or ties, no heavy ball.
 */
function inTailScope(p: FixedLayeredNet, state: RegionState, dynamics: SeriesDynamics): boolean {
  return (
    p.unrolled === undefined &&
    p.loss !== "bce" &&
    dynamics.momentum === undefined &&
    state.select === undefined &&
    (state.ties?.length ?? 0) === 0 &&
    state.side.every((row) => !row.includes(0))
  );
}

/** The fewest orders of a step that the float tail runs from order 0 (a shorter one's programs would not pay). */
const WHOLE_STEP_ORDERS = 8;

/**
 * The most fraction bits at which the float tail tries a step from order 0: a sum of size S rounds
 * to quadruple-double within about 2^−211·S, within a quarter unit of 2^−P for S up to 2^(209 − P);
 * past 204 bits (46 digits) the sums of O(1) values of the low orders would fail.
 */
const WHOLE_STEP_BITS = 204;

/** The first order of the float tail at P fraction bits: where a step's products of quadruple-double fit a quarter unit of 2^−P. */
function tailOrder(P: number): number {
  return Math.max(2, Math.ceil((P - 180) / 2.9));
}

/**
 * The first constrained sliding pair whose back-propagation reaches a pair of a lower layer at the
 * same point that is on its surface (side 0), with a back value non-zero at some order q < Q of the
 * step: the upper pair's ∇z then holds that lower pair's σ′, which is undefined on its kink (cut here),
 * and the sliding system is not the Filippov one's. Exact zeros (a zero connecting weight that stays 0)
 * are not nesting.
 */
function firstNested(
  p: FixedLayeredNet,
  S: LayeredSeries,
  state: RegionState,
  sliding: readonly { pair: KinkPair; bp: Backprop }[],
  Q: number,
): TaylorStep["nested"] {
  for (const { pair, bp } of sliding) {
    const [i, upper] = pair;
    const layer = at(p.unitLayer, upper);
    for (const [lower, side] of at(state.side, i).entries()) {
      if (side !== 0 || at(p.unitLayer, lower) >= layer) continue;
      if (
        S.backAt(bp, lower)
          .slice(0, Q)
          .some((v) => v !== 0n)
      )
        return { point: i, lower, upper };
    }
  }
  return undefined;
}
