/*
 * A Taylor step in floats: from an order q0 on (order 0 where it can), every series of the step
 * is held in WebAssembly memory as a quadruple-double expansion, and the order loop runs there
 * (seriesTail.wat, a program written once per shape of step and run per order), with no BigInt
 * operation until the coefficients are read back once at the end.
 *
 * Scope (the caller checks it): fully connected layers of any depth, a loss whose residual is
 * rScale·(f − y) (mse, sse-mean), piecewise-linear slopes from the state's sides with no pair
 * on its surface (no side 0, so no sliding, no ties, no pooling), plain flow or weight decay.
 * Any depth runs the BigInt engine's passes (z, h, residuals, back, δ per point); one hidden
 * layer, the common case, runs them rewritten so that its series products are per unit, not
 * per point (`oneHidden`).
 *
 * Each coefficient of order q ≥ q0 is one output Σ x·y over its parts (a Cauchy product of two
 * series, or one term: the constant data of the first layer, a bias as b_q·1, a slope, rScale,
 * the residual's −rScale·y at order 0 (a part with the series 1, 0, 0, …), and
 * θ_{q+1} = c_q·g_q + c′_q·θ_q with c_q = −h/(q + 1), c′_q = −λh/(q + 1)), summed within a
 * quarter unit of 2^−P:
 * - in double-, triple- or quadruple-double, the cheapest level whose worst-case error is within
 *   it: the bounds of seriesMirror.ts's module comment, from B = Σ|x0|·|y0| over n terms,
 *   N = n + 9, either over the whole output as one sum, or, for an output of k ≥ 2 Cauchy
 *   products, each product within a (k + 1)-th of the quarter unit and their levels added by
 *   two-sums, whose one plain rounding a step costs at most (4k)⁴·2^−212·A (A = Σ|parts|),
 *   checked to be within the last (k + 1)-th (seriesTail.wat's `run`);
 * - in a step from order 0, where no level's bound holds (the low orders, whose products of O(1)
 *   values need every bit), exactly: each term's products x_a·y_b with a + b ≤ 3 as Dekker's two-products, the three with
 *   a + b = 4 plainly, the rest left out (at most 5.1·2^−265·|x0|·|y0| a term), all cut into
 *   bins of 53 − M bits by Rump–Ogita–Oishi extraction, so that up to 2^M doubles sum exactly in
 *   each, the rests below the last bin dropped (at most an eighth of the quarter unit), the exact
 *   sum of the bins rounded once to quadruple-double; its error, with the constants c_q's own
 *   (2^−210·Σ|c_q|·|g_q|), checked to be within the quarter unit (seriesTail.wat's `sumWhole`).
 * A sum is stored as an exact renormalisation of its levels, checked to keep
 * |x_i| ≤ 1.001·2^(−53i)·|x0| (the condition those bounds assume). Nothing is floored: every
 * coefficient is within a quarter unit of the exact sum of its stored terms, where the BigInt
 * engine is within one unit of its own (its floors), and both propagate these through the
 * recursion alike; the constants c_q, c′_q carry 2^−(P+128) of their own.
 *
 * Below q0 = tailOrder (about (P − 180)/2.9), every output is one long sum. A step from order 0
 * starts from θ(0) and the data themselves, so it needs them, and every constant of its programs,
 * to convert exactly (an integer of up to about 212 significant bits: P up to about 210 for O(1)
 * values, 45 digits; checked, else the caller starts at tailOrder, where the BigInt orders below
 * make the tail's values small and a conversion within 2^−212 of each is within the bounds).
 * The coefficients are read back rounded to the nearest unit of 2^−P (within one unit). When a
 * sum fails at some order (no level's bound holds and, in a step from order 0, the exact sum
 * cannot either: too large for the bins, or for the layout's condition), nothing is written
 * back and the caller goes on in BigInt, and may try again from a later order; a magnitude out
 * of range or the memory too small ends the attempt.
 */

import { SERIES_TAIL_WASM } from "../_generated/seriesTailWasm.js";
import { compileWasm, instantiateWasm, wasmMemory, type WasmMemory } from "./wasmModule.js";

/** Bytes per coefficient (see seriesTail.wat). */
const STRIDE = 64;
const PAGE = 65536;
/** The largest memory the tail takes (bytes): beyond it the step stays in BigInt. */
const MAX_BYTES = 256 * 2 ** 20;
/** Extra fraction bits of the constants c_q and c′_q. */
const EXTRA = 128n;

/** The functions of seriesTail.wat (byte addresses). */
interface TailExports {
  prepare(at: number, count: number): void;
  /** mode: bit 0, every output one long sum; bit 1, a sum that no level bounds summed exactly. */
  run(prog: number, q: number, room: number, mode: number): number;
}

interface Engine {
  readonly run: TailExports;
  readonly memory: WasmMemory;
}

let engine: Engine | undefined;

function startEngine(): Engine {
  const memory = wasmMemory(16);
  const run = instantiateWasm<TailExports>(compileWasm(SERIES_TAIL_WASM), memory);
  return { run, memory };
}

/** One weight layer as the series kernel holds it. */
interface TailLayer {
  /** W[r][c]: the series of weight (r, c) (θ's own arrays). */
  readonly W: readonly (readonly bigint[])[][];
  readonly w0: number;
  /** θ index of bias 0, −1 without a bias. */
  readonly b0: number;
  readonly cols: number;
  /** Flat index of the first hidden unit this layer feeds. */
  readonly start: number;
}

/** One data point as the series kernel holds it, with its loss back-propagation. */
interface TailPoint {
  readonly x: readonly bigint[];
  /** The targets, which the residuals' order 0 subtracts. */
  readonly y: readonly bigint[];
  /** Zs[l][r]: pre-activations of weight layer l + 1; H[l][u]: outputs of hidden layer l + 1; R[j]: residuals. */
  readonly Zs: bigint[][][];
  readonly H: bigint[][][];
  readonly R: bigint[][];
  /** Per flat hidden unit, the slope of h = slope·z and of δ = slope·back. */
  readonly forward: readonly bigint[];
  readonly backward: readonly bigint[];
  /** Per hidden layer, the units whose h is not 0 and those whose δ is not 0. */
  readonly feeds: readonly (readonly number[])[];
  readonly passes: readonly (readonly number[])[];
  /** The loss back-propagation's δ and back per weight layer (index l − 1) / hidden layer. */
  readonly delta: bigint[][][];
  readonly back: bigint[][][];
}

/** A Taylor step's series after its orders below q0, and what the order rule reads. @internal */
export interface TailStep {
  readonly P: number;
  readonly Q: number;
  readonly q0: number;
  /** Orders below it sum every output as one long sum (a step from q0 = 0 converts θ(0) and the data exactly). */
  readonly wholeBelow: number;
  readonly h: bigint;
  readonly decay: bigint;
  readonly decayed: readonly boolean[] | undefined;
  readonly rScale: bigint;
  readonly ONE: bigint;
  readonly theta: bigint[][];
  readonly layers: readonly TailLayer[];
  readonly points: readonly TailPoint[];
}

/** Where a series' known orders come from in a step. */
type Source = (s: TailStep) => readonly bigint[];
const none: Source = () => [];

/** The float layout of one step: byte addresses of its series and constants, and where they go next. */
class Layout {
  /** Bytes 64 … 191 are the exact sums' bins and their σ (seriesTail.wat). */
  next = 3 * STRIDE;
  readonly series: { at: number; source: Source; known: number; scale: number }[] = [];
  readonly constants: { at: number; value: bigint; scale: number }[] = [];
  private readonly named = new Map<bigint, number>();
  constructor(
    readonly coefficients: number,
    readonly unit: number,
  ) {}
  /**
   * A series whose orders below q0 + known are read from the step's `source` (values·scale; known 0,
   * or 1 for θ, whose order q0 is known too; −1: none), the rest computed in floats.
   */
  add(source: Source = none, known = -1, scale = this.unit): number {
    const at = this.next;
    this.next += STRIDE * this.coefficients;
    this.series.push({ at, source, known, scale });
    return at;
  }
  /** A constant value·scale (scale 2^−P unless given), one per value at 2^−P. */
  constant(value: bigint, scale = this.unit): number {
    if (scale === this.unit) {
      const known = this.named.get(value);
      if (known !== undefined) return known;
    }
    const at = this.next;
    this.next += STRIDE;
    this.constants.push({ at, value, scale });
    if (scale === this.unit) this.named.set(value, at);
    return at;
  }
}

/** Whether every checked `put` since it was last set true held its value exactly. */
let allExact = true;

/**
 * Writes v·scale as x0 + x1 + x2 + x3 (each the rounding of what the previous leave) at heap index i; false when out of range.
 * With `check`, clears `allExact` unless the four parts are v·scale exactly (v has at most about 212 significant bits,
 * and no part underflows).
 */
function put(heap: Float64Array, i: number, v: bigint, scale: number, check = false): boolean {
  heap[i + 3] = 0;
  if (v === 0n) {
    heap[i] = 0;
    heap[i + 2] = 0;
    heap[i + 6] = 0;
    heap[i + 7] = 0;
    return true;
  }
  const x0 = Number(v);
  if (!(Math.abs(x0 * scale) < 2 ** 400)) return false;
  const r1 = v - BigInt(x0);
  const x1 = Number(r1);
  const r2 = r1 - BigInt(x1);
  const x2 = Number(r2);
  heap[i] = x0 * scale;
  heap[i + 2] = x1 * scale;
  heap[i + 6] = x2 * scale;
  const r3 = r2 - BigInt(x2);
  const x3 = Number(r3);
  heap[i + 7] = x3 * scale;
  if (check && (BigInt(x3) !== r3 || (x3 !== 0 && !(Math.abs(x3 * scale) >= 2 ** -1000)))) allExact = false;
  return true;
}

/** The coefficient at heap index i in units of 2^−P (up = 2^P), rounded to the nearest unit within one. */
function take(heap: Float64Array, i: number, up: number): bigint {
  const c0 = (heap[i]! + heap[i + 1]!) * up;
  const c1 = heap[i + 2]! * up;
  const c2 = heap[i + 6]! * up;
  const c3 = heap[i + 7]! * up;
  // a part of 2^52 or more is an integer (and each part is below 2^−52 of the one before): from the
  // first part below 2^52, what is left sums to a double within half a unit
  if (Math.abs(c0) < 2 ** 52) return BigInt(Math.round(c0 + c1 + c2 + c3));
  if (Math.abs(c1) < 2 ** 52) return BigInt(c0) + BigInt(Math.round(c1 + c2 + c3));
  if (Math.abs(c2) < 2 ** 52) return BigInt(c0) + BigInt(c1) + BigInt(Math.round(c2 + c3));
  return BigInt(c0) + BigInt(c1) + BigInt(c2) + BigInt(Math.round(c3));
}

/** Program words: [outputs, then per output destination, shift | whole·2, parts, then per part kind, x, y]. */
class Program {
  readonly words: number[] = [0];
  /** An output at coefficient q + shift of `dst`: one long sum, or part by part when it has two Cauchy products or more. */
  emit(dst: number, shift: number, parts: readonly number[]): void {
    let cauchy = 0;
    for (let k = 0; k < parts.length; k += 3) if (parts[k] === 0) cauchy++;
    this.words[0]!++;
    this.words.push(dst, shift | (cauchy >= 2 ? 0 : 2), parts.length / 3, ...parts);
  }
  get outputs(): number {
    return this.words[0]!;
  }
}

/** The programs of a step and how its z and h are read back. */
interface Built {
  readonly forward: Program;
  readonly rest: Program;
  readBack(s: TailStep, heap: Float64Array, up: number): void;
}

/** The common series: θ (known through q0), the gradient's coefficient of the order, and the constants of the order rule. */
interface Common {
  readonly lay: Layout;
  readonly TH: readonly number[];
  readonly G: readonly number[];
  readonly ONE: number;
  readonly RS: number;
  /** The series 1, 0, 0, …: a part [1, E, c] adds c at order 0 only (the residuals' −rScale·y). */
  readonly E: number;
}

/** The parts of −rScale·y_j (scale 2^−2P), the residual's order 0 beyond rScale·f. */
function target(s: TailStep, lay: Layout, E: number, y: bigint): number[] {
  return y === 0n ? [] : [1, E, lay.constant(-s.rScale * y, lay.unit * lay.unit)];
}

/**
 * Any depth: per point z of every layer, h (z itself under a slope of 1, none under 0), the
 * residuals, back and δ (back itself under a slope of 1), as the BigInt engine's passes.
 */
function anyDepth(s: TailStep, { lay, TH, G, ONE, RS, E }: Common): Built {
  const { layers, points, Q } = s;
  const L = layers.length;
  const slot = (v: bigint): number | undefined => (v === 0n ? undefined : v === s.ONE ? -1 : lay.constant(v));
  const pts = points.map((pt, i) => {
    const z = pt.Zs.map((layer, l) => layer.map((_, r) => lay.add((t) => t.points[i]!.Zs[l]![r]!, 0)));
    const hs = pt.H.map((layer, l) =>
      layer.map((_, u) => {
        const sl = slot(pt.forward[layers[l]!.start + u]!);
        return sl === undefined ? -1 : sl === -1 ? z[l]![u]! : lay.add((t) => t.points[i]!.H[l]![u]!, 0);
      }),
    );
    const R = pt.R.map((_, j) => lay.add((t) => t.points[i]!.R[j]!, 0));
    const back = pt.back.map((layer, l) => layer.map((_, c) => lay.add((t) => t.points[i]!.back[l]![c]!, 0)));
    const delta = pt.back.map((layer, l) =>
      layer.map((_, c) => {
        const sl = slot(pt.backward[layers[l]!.start + c]!);
        return sl === undefined ? -1 : sl === -1 ? back[l]![c]! : lay.add((t) => t.points[i]!.delta[l]![c]!, 0);
      }),
    );
    const X = pt.x.map((v) => (v === 0n ? -1 : lay.constant(v)));
    return { z, hs, R, back, delta, X };
  });
  const forward = new Program();
  const rest = new Program();
  for (const [i, pt] of points.entries()) {
    const a = pts[i]!;
    for (let l = 0; l < L; l++) {
      const { W, b0, w0, cols, start } = layers[l]!;
      for (let r = 0; r < W.length; r++) {
        const parts: number[] = [];
        if (l === 0) {
          for (const [c, x] of a.X.entries()) if (x >= 0) parts.push(1, TH[w0 + r * cols + c]!, x);
        } else for (const c of pt.feeds[l - 1]!) parts.push(0, TH[w0 + r * cols + c]!, a.hs[l - 1]![c]!);
        if (b0 >= 0) parts.push(1, TH[b0 + r]!, ONE);
        forward.emit(a.z[l]![r]!, 0, parts);
        if (l === L - 1) continue;
        const sl = slot(pt.forward[start + r]!);
        if (sl !== undefined && sl !== -1) forward.emit(a.hs[l]![r]!, 0, [1, a.z[l]![r]!, sl]);
      }
    }
    for (const [j, R] of a.R.entries()) rest.emit(R, 0, [1, a.z[L - 1]![j]!, RS, ...target(s, lay, E, pt.y[j]!)]);
    // back = Wᵀδ from the residuals down; δ = slope·back
    for (let l = L; l >= 2; l--) {
      const upper = l === L ? a.R : a.delta[l - 1]!;
      const rows = l === L ? upper.map((_, r) => r) : pt.passes[l - 1]!;
      const { w0, cols } = layers[l - 1]!;
      for (const c of pt.passes[l - 2]!) {
        const parts: number[] = [];
        for (const r of rows) parts.push(0, TH[w0 + r * cols + c]!, upper[r]!);
        rest.emit(a.back[l - 2]![c]!, 0, parts);
        const sl = slot(pt.backward[layers[l - 2]!.start + c]!);
        if (sl !== undefined && sl !== -1) rest.emit(a.delta[l - 2]![c]!, 0, [1, a.back[l - 2]![c]!, sl]);
      }
    }
  }
  // the gradient per θ slot, summed over the points
  const grad: number[][] = s.theta.map(() => []);
  for (const [i, pt] of points.entries()) {
    const a = pts[i]!;
    for (let l = 0; l < L; l++) {
      const { w0, b0, cols, W } = layers[l]!;
      const rows = l === L - 1 ? W.map((_, r) => r) : pt.passes[l]!;
      for (const r of rows) {
        const d = l === L - 1 ? a.R[r]! : a.delta[l]![r]!;
        if (l === 0) {
          for (const [c, x] of a.X.entries()) if (x >= 0) grad[w0 + r * cols + c]!.push(1, d, x);
        } else for (const c of pt.feeds[l - 1]!) grad[w0 + r * cols + c]!.push(0, d, a.hs[l - 1]![c]!);
        if (b0 >= 0) grad[b0 + r]!.push(1, d, ONE);
      }
    }
  }
  for (const [k, parts] of grad.entries()) rest.emit(G[k]!, 0, parts);
  const readBack = (t: TailStep, heap: Float64Array, up: number): void => {
    for (const [i, pt] of t.points.entries()) {
      const a = pts[i]!;
      for (let l = 0; l < L - 1; l++)
        for (const [u, z] of pt.Zs[l]!.entries()) {
          const at = a.z[l]![u]!;
          const h = a.hs[l]![u]!;
          const H = pt.H[l]![u]!;
          for (let q = t.q0; q <= Q; q++) {
            z[q] = take(heap, (at + STRIDE * q) / 8, up);
            if (h === at) H[q] = z[q]!;
            else if (h >= 0) H[q] = take(heap, (h + STRIDE * q) / 8, up);
          }
        }
    }
  };
  return { forward, rest, readBack };
}

/**
 * One hidden layer, with every pair's two slopes equal (no side 0): the passes rewritten so
 * that the Cauchy products do not run per point. With s_ik the slope of unit k at point i and
 * x_ic its input (x_i,bias = 1), z_ik = Σ_c W1_kc·x_ic and
 * - f_ij = Σ_k s_ik·Σ_c x_ic·M_jkc with M_jkc = W2_jk·W1_kc, so R_ij = Σ_{k,c} (rScale·s_ik·x_ic)·M_jkc + rScale·b2_j;
 * - with U_jkc = Σ_i s_ik·x_ic·R_ij, ∂L/∂W1_kc = Σ_i δ_ik·x_ic = Σ_j W2_jk·U_jkc, and
 *   ∂L/∂W2_jk = Σ_i R_ij·h_ik = Σ_c W1_kc·U_jkc, ∂L/∂b2_j = Σ_i R_ij.
 * The products per order: 3·e·m·(d + 1) series products instead of about 3·n·m·e/2 (m units,
 * half of them live). M and R are needed at the order only; U's orders below q0 are the exact
 * sums of the BigInt residuals (at 2^−3P, no rounding).
 */
function oneHidden(s: TailStep, { lay, TH, G, ONE, RS, E }: Common): Built | undefined {
  const { points, P, Q } = s;
  const [hidden, top] = s.layers as [TailLayer, TailLayer];
  const m = hidden.W.length;
  const d = hidden.cols;
  const e = top.W.length;
  for (const pt of points) for (let k = 0; k < m; k++) if (pt.forward[k] !== pt.backward[k]) return undefined;
  const cols = hidden.b0 >= 0 ? d + 1 : d;
  const w1 = (k: number, c: number): number => TH[c === d ? hidden.b0 + k : hidden.w0 + k * d + c]!;
  const w2 = (j: number, k: number): number => TH[top.w0 + j * m + k]!;
  const sx = points.map((pt) =>
    Array.from({ length: m }, (_, k) => Array.from({ length: cols }, (_, c) => pt.forward[k]! * (c === d ? s.ONE : pt.x[c]!))),
  );
  const scale2 = lay.unit * lay.unit;
  const scale3 = scale2 * lay.unit;
  const U = Array.from({ length: e }, (_, j) =>
    Array.from({ length: m }, (_, k) =>
      Array.from({ length: cols }, (_, c) => {
        const head = (step: TailStep): bigint[] =>
          Array.from({ length: step.q0 }, (_, t) => {
            let acc = 0n;
            for (const [i, pt] of step.points.entries()) {
              const f = sx[i]![k]![c]!;
              if (f !== 0n) acc += f * pt.R[j]![t]!;
            }
            return acc;
          });
        return lay.add(head, 0, scale3);
      }),
    ),
  );
  const M = Array.from({ length: e }, () => Array.from({ length: m }, () => Array.from({ length: cols }, () => lay.add())));
  const Z = points.map(() => Array.from({ length: m }, () => lay.add()));
  const R = points.map(() => Array.from({ length: e }, () => lay.add()));
  const forward = new Program();
  const rest = new Program();
  for (const [i, pt] of points.entries())
    for (let k = 0; k < m; k++) {
      const parts: number[] = [];
      for (let c = 0; c < d; c++) if (pt.x[c] !== 0n) parts.push(1, w1(k, c), lay.constant(pt.x[c]!));
      if (cols > d) parts.push(1, w1(k, d), ONE);
      forward.emit(Z[i]![k]!, 0, parts);
    }
  for (let j = 0; j < e; j++)
    for (let k = 0; k < m; k++) for (let c = 0; c < cols; c++) rest.emit(M[j]![k]![c]!, 0, [0, w2(j, k), w1(k, c)]);
  for (const [i, pt] of points.entries())
    for (let j = 0; j < e; j++) {
      const parts: number[] = target(s, lay, E, pt.y[j]!);
      for (let k = 0; k < m; k++)
        for (let c = 0; c < cols; c++) {
          const f = sx[i]![k]![c]!;
          if (f !== 0n) parts.push(1, M[j]![k]![c]!, lay.constant(s.rScale * f, scale3));
        }
      if (top.b0 >= 0) parts.push(1, TH[top.b0 + j]!, RS);
      rest.emit(R[i]![j]!, 0, parts);
    }
  for (let j = 0; j < e; j++)
    for (let k = 0; k < m; k++)
      for (let c = 0; c < cols; c++) {
        const parts: number[] = [];
        for (const [i] of points.entries()) {
          const f = sx[i]![k]![c]!;
          if (f !== 0n) parts.push(1, R[i]![j]!, lay.constant(f, scale2));
        }
        rest.emit(U[j]![k]![c]!, 0, parts);
      }
  for (let k = 0; k < m; k++)
    for (let c = 0; c < cols; c++) {
      const parts: number[] = [];
      for (let j = 0; j < e; j++) parts.push(0, w2(j, k), U[j]![k]![c]!);
      rest.emit(G[c === d ? hidden.b0 + k : hidden.w0 + k * d + c]!, 0, parts);
    }
  for (let j = 0; j < e; j++)
    for (let k = 0; k < m; k++) {
      const parts: number[] = [];
      for (let c = 0; c < cols; c++) parts.push(0, w1(k, c), U[j]![k]![c]!);
      rest.emit(G[top.w0 + j * m + k]!, 0, parts);
    }
  if (top.b0 >= 0)
    for (let j = 0; j < e; j++)
      rest.emit(
        G[top.b0 + j]!,
        0,
        points.flatMap((_, i) => [1, R[i]![j]!, ONE]),
      );
  const bigP = BigInt(P);
  const one = s.ONE;
  const readBack = (t: TailStep, heap: Float64Array, up: number): void => {
    for (const [i, pt] of t.points.entries())
      for (let k = 0; k < m; k++) {
        const z = pt.Zs[0]![k]!;
        const H = pt.H[0]![k]!;
        const slope = pt.forward[k]!;
        const at = Z[i]![k]!;
        for (let q = t.q0; q <= Q; q++) {
          const v = take(heap, (at + STRIDE * q) / 8, up);
          z[q] = v;
          if (slope !== 0n) H[q] = slope === one ? v : (slope * v) >> bigP;
        }
      }
  };
  return { forward, rest, readBack };
}

/** A step's programs in memory, kept for the next step of the same shape (most steps of a flow). */
interface Prepared {
  readonly key: string;
  /** The data the programs were made for (the compiled net's inputs). */
  readonly x: readonly bigint[] | undefined;
  readonly lay: Layout;
  readonly built: Built;
  readonly TH: readonly number[];
  readonly C: number;
  readonly CL: number;
  readonly progF: number;
  readonly progR: number;
  /** Whether every constant converted exactly (a step from order 0 needs it). */
  readonly exact: boolean;
}

let prepared: Prepared | undefined;

/** What the programs depend on besides the data: orders, sizes, slopes and decay. */
function shapeOf(s: TailStep): string {
  const slopes = s.points.map((pt) => `${pt.forward.join(",")}/${pt.backward.join(",")}`).join(";");
  return `${s.P}|${s.Q}|${s.theta.length}|${s.layers.length}|${s.rScale}|${s.decay !== 0n}|${s.decayed?.join(",")}|${slopes}`;
}

/** Lays out the step's series and constants, writes its programs into the memory, converts the constants. */
function prepare(s: TailStep, key: string, memory: Engine["memory"], run: TailExports): Prepared | undefined {
  const { P, Q } = s;
  const lay = new Layout(Q + 1, 2 ** -P);
  const common: Common = {
    lay,
    ONE: lay.constant(s.ONE),
    RS: lay.constant(s.rScale),
    TH: s.theta.map((_, k) => lay.add((t) => t.theta[k]!, 1)),
    G: s.theta.map(() => lay.add()),
    E: lay.add(),
  };
  const C = lay.add();
  const CL = lay.add();
  const built = (s.layers.length === 2 ? oneHidden(s, common) : undefined) ?? anyDepth(s, common);
  const { forward, rest } = built;
  // θ_{q+1} = c_q·g_q + c′_q·θ_q
  for (const [k, at] of common.TH.entries()) {
    const decays = s.decay !== 0n && s.decayed?.[k] !== false;
    rest.emit(at, 1, decays ? [2, common.G[k]!, C, 2, at, CL] : [2, common.G[k]!, C]);
  }
  const progF = lay.next;
  const progR = progF + 4 * forward.words.length;
  const end = progR + 4 * rest.words.length;
  if (end > MAX_BYTES) return undefined;
  if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
  const heap = new Float64Array(memory.buffer);
  const words = new Int32Array(memory.buffer);
  heap.fill(0, common.E / 8, (common.E + STRIDE * (Q + 1)) / 8);
  heap[common.E / 8] = 1;
  run.prepare(common.E, Q + 1);
  words.set(forward.words, progF / 4);
  words.set(rest.words, progR / 4);
  allExact = true;
  for (const { at, value, scale } of lay.constants) {
    if (!put(heap, at / 8, value, scale, true)) return undefined;
    run.prepare(at, 1);
  }
  return { key, x: s.points[0]?.x, lay, built, TH: common.TH, C, CL, progF, progR, exact: allExact };
}

/**
 * Runs orders q0 … Q − 1 of the step (and the forward pass of order Q) in floats and writes
 * them into the step's arrays: θ through Q, and z, h of the hidden units through Q.
 *
 * @returns undefined when done; else, having written nothing, the first order some sum of which
 * could not be bounded within a quarter unit (the coefficients shrink with their order: a later
 * q0 may do), or Infinity when the step is out of the floats' range
 * @internal
 */
export function floatSeriesTail(s: TailStep): number | undefined {
  const { P, Q, q0 } = s;
  if (P > 300 || q0 < 0 || q0 >= Q) return Number.POSITIVE_INFINITY;
  engine ??= startEngine();
  const { memory, run } = engine;
  const key = shapeOf(s);
  if (prepared === undefined || prepared.key !== key || prepared.x !== s.points[0]?.x) {
    prepared = undefined;
    prepared = prepare(s, key, memory, run);
    if (prepared === undefined) return Number.POSITIVE_INFINITY;
  }
  const { lay, built, TH, C, CL, progF, progR } = prepared;
  if (q0 === 0 && !prepared.exact) return Number.POSITIVE_INFINITY;
  const heap = new Float64Array(memory.buffer);
  // the known coefficients, converted once (from order 0, θ(0) exactly)
  allExact = true;
  for (const { at, source, known, scale } of lay.series) {
    if (known < 0) continue;
    const upTo = q0 + known;
    const values = source(s);
    for (let q = 0; q < upTo; q++) if (!put(heap, (at + STRIDE * q) / 8, values[q]!, scale, q0 === 0)) return Number.POSITIVE_INFINITY;
    run.prepare(at, upTo);
  }
  if (!allExact) return Number.POSITIVE_INFINITY;
  const unit = 2 ** -P;
  const hc = -s.h << EXTRA;
  const cUnit = unit * 2 ** -Number(EXTRA);
  const hl = hc * s.decay;
  for (let q = q0; q < Q; q++) {
    const div = BigInt(q + 1);
    if (!put(heap, (C + STRIDE * q) / 8, hc / div, cUnit)) return Number.POSITIVE_INFINITY;
    if (s.decay !== 0n && !put(heap, (CL + STRIDE * q) / 8, hl / div, cUnit * unit)) return Number.POSITIVE_INFINITY;
  }
  // one call each (a call into WebAssembly is dear while the process is young)
  run.prepare(C + STRIDE * q0, Q - q0);
  if (s.decay !== 0n) run.prepare(CL + STRIDE * q0, Q - q0);
  // the orders, each sum within a quarter unit of 2^−P
  const room = 2 ** (-P - 2);
  const outputsF = built.forward.outputs;
  const outputsR = built.rest.outputs;
  for (let q = q0; q <= Q; q++) {
    // exact sums in a step from order 0 only: a later start has its BigInt orders to fall back on
    const mode = (q < s.wholeBelow ? 1 : 0) | (q0 === 0 ? 2 : 0);
    if (run.run(progF, q, room, mode) !== outputsF) return q;
    if (q < Q && run.run(progR, q, room, mode) !== outputsR) return q;
  }
  // read back: θ through Q, z and h of the hidden layers through Q
  const up = 2 ** P;
  for (const [k, at] of TH.entries()) {
    const th = s.theta[k]!;
    for (let q = q0 + 1; q <= Q; q++) th[q] = take(heap, (at + STRIDE * q) / 8, up);
  }
  built.readBack(s, heap, up);
  return undefined;
}
