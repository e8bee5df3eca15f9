import { at } from "../../../scalar/at.js";
import type { LayeredNetwork } from "../../layeredNetwork.js";
import type { ParamLayout } from "../../paramLayout.js";
import { tensorShapes } from "../../_internals/tensorShapes.js";
import { cauchyAt } from "./seriesProducts.js";

/*
 * A network with convolutions seen as its unrolled fully connected network with tied parameters:
 * a dense row per (output channel, output position), a dense column per (input channel, input
 * position), every dense entry either a kernel entry (one θ slot, shared by every position that
 * applies it) or a structural zero. The series kernels read the dense view; the gradient of a dense
 * entry is added straight into its θ slot, so tied entries sum there and every product of gradients
 * (the Gram matrix of the sliding constraints) is taken in the real parameters.
 */

/** Max or average pooling between a hidden layer's activation and the next layer's input, per data point. @internal */
export interface UnrolledPool {
  readonly kind: "max" | "avg";
  /** windows[m]: the dense units (channel·positions + position) of pooled entry m, in row-major window order. */
  readonly windows: readonly Int32Array[];
  /** readers[u]: the pooled entries whose window holds unit u (windows may overlap). */
  readonly readers: readonly (readonly number[])[];
}

/** One weight layer unrolled. @internal */
export interface UnrolledLayer {
  /** Dense units (channels × output positions; the units themselves for a fully connected layer). */
  readonly rows: number;
  /** Dense inputs (the previous layer's pooled entries, or the data's flat entries). */
  readonly cols: number;
  /** slots[r][c]: the θ slot of dense weight (r, c), −1 for a structural zero. */
  readonly slots: readonly Int32Array[];
  /** nonzero[r]: the columns of row r that hold a θ slot, in increasing order. */
  readonly nonzero: readonly Int32Array[];
  /** columnRows[c]: the rows whose column c holds a θ slot, in increasing order. */
  readonly columnRows: readonly number[][];
  /** bias[r]: the θ slot of row r's bias (its channel's), or undefined when the layer has none. */
  readonly bias: Int32Array | undefined;
  /** Output positions per channel (1 for a fully connected layer): row r is channel ⌊r / positions⌋. */
  readonly positions: number;
  /** The pooling after the layer's activation, if any. */
  readonly pool?: UnrolledPool | undefined;
}

/** A network with convolutions unrolled: dense widths [inputs, units of each layer …, outputs] and its layers. @internal */
export interface UnrolledNet {
  readonly widths: readonly number[];
  readonly layers: readonly UnrolledLayer[];
}

/**
 * The unrolled view of a network with convolutions, pooling or an input tensor (its shapes from
 * `tensorShapes`, which checks them).
 *
 * @throws InputError when the network lacks its input shape, a stride or a padding, or a layer does not fit
 * @internal
 */
export function unrollNetwork(net: LayeredNetwork<unknown>, layout: ParamLayout): UnrolledNet {
  const shapes = tensorShapes(net);
  const first = at(shapes, 0).input;
  const widths: number[] = [first.channels * product(first.size)];
  const layers = shapes.map((shape, l): UnrolledLayer => {
    const w0 = at(layout.weightOffset, l);
    const b0 = at(layout.biasOffset, l);
    const columns = at(layout.columns, l);
    const cols = shape.input.channels * product(shape.input.size);
    const units = at(layout.widths, l + 1);
    const conv = shape.conv;
    const positions = conv === undefined ? 1 : conv.outPositions;
    const rows = units * positions;
    const slots = Array.from({ length: rows }, () => new Int32Array(cols).fill(-1));
    if (conv === undefined) {
      for (const [r, row] of slots.entries()) for (let c = 0; c < cols; c++) row[c] = w0 + r * columns + c;
    } else {
      const { groups, inPositions, outPositions, taps, source } = conv;
      const inPerGroup = conv.inChannels / groups;
      const outPerGroup = conv.outChannels / groups;
      for (let j = 0; j < units; j++) {
        const base = Math.floor(j / outPerGroup) * inPerGroup;
        for (let o = 0; o < outPositions; o++) {
          const row = at(slots, j * outPositions + o);
          for (let c = 0; c < inPerGroup; c++)
            for (let t = 0; t < taps; t++) {
              const p = at(source, o * taps + t);
              if (p >= 0) row[(base + c) * inPositions + p] = w0 + j * columns + c * taps + t;
            }
        }
      }
    }
    const nonzero = slots.map((row) => Int32Array.from(row.keys()).filter((c) => at(row, c) >= 0));
    const columnRows: number[][] = Array.from({ length: cols }, () => []);
    for (const [r, nz] of nonzero.entries()) for (const c of nz) at(columnRows, c).push(r);
    const bias = b0 < 0 ? undefined : Int32Array.from({ length: rows }, (_, r) => b0 + Math.floor(r / positions));
    widths.push(rows);
    return {
      rows,
      cols,
      slots,
      nonzero,
      columnRows,
      bias,
      positions,
      pool: shape.pool === undefined ? undefined : unrolledPool(shape.pool),
    };
  });
  return { widths, layers };
}

function unrolledPool(g: NonNullable<ReturnType<typeof tensorShapes>[number]["pool"]>): UnrolledPool {
  const { channels, inPositions, outPositions, span, window } = g;
  const windows: Int32Array[] = [];
  const readers: number[][] = Array.from({ length: channels * inPositions }, () => []);
  for (let c = 0; c < channels; c++)
    for (let o = 0; o < outPositions; o++) {
      const m = c * outPositions + o;
      const w = Int32Array.from({ length: span }, (_, t) => c * inPositions + at(window, o * span + t));
      for (const u of w) if (!at(readers, u).includes(m)) at(readers, u).push(m);
      windows.push(w);
    }
  return { kind: g.kind, windows, readers };
}

function product(xs: readonly number[]): number {
  return xs.reduce((p, x) => p * x, 1);
}

/**
 * The entries of `candidates` that `live` holds, in order: a row's (or column's) structural
 * nonzeros that are not identically 0 in the current region, which the products visit.
 *
 * @internal
 */
export function liveOf(candidates: ArrayLike<number>, live: readonly number[]): number[] {
  const keep = new Set(live);
  return Array.from(candidates).filter((c) => keep.has(c));
}

/**
 * Order q of one unrolled row dotted with constant data: Σ_c w_c[q]·x_c over the row's nonzero columns
 * (a convolution's row holds a kernel's worth of weights among many structural zeros).
 *
 * @internal
 */
export function constantTiedDotAt(w: readonly (readonly bigint[])[], nonzero: Int32Array, x: readonly bigint[], q: number): bigint {
  let acc = 0n;
  for (const c of nonzero) acc += at(at(w, c), q) * at(x, c);
  return acc;
}

/**
 * Order q of one dense row's weight gradient, added into θ's slots: acc[slot(c)] += (d·as_c)_q for the
 * live columns c that hold a slot (tied entries sum in their one slot), or, for constant inputs `x`,
 * acc[slot(c)] += d_q·x_c over the row's nonzero columns.
 *
 * @internal
 */
export function addTiedProducts(
  acc: bigint[],
  slots: Int32Array,
  nonzero: Int32Array,
  d: readonly bigint[],
  q: number,
  input: { x: readonly bigint[] } | { as: readonly (readonly bigint[])[]; live: readonly number[] },
): void {
  if ("x" in input) {
    const dq = at(d, q);
    for (const c of nonzero) {
      const s = at(slots, c);
      acc[s] = at(acc, s) + dq * at(input.x, c);
    }
    return;
  }
  for (const c of input.live) {
    const s = at(slots, c);
    if (s >= 0) acc[s] = at(acc, s) + cauchyAt(d, at(input.as, c), q);
  }
}

/**
 * Order q of average-pooled entries: a[m] = (Σ_{u in window m} h[u]) / span (max pooling needs nothing:
 * its entries are the selected units' series themselves).
 *
 * @internal
 */
export function averagePoolAt(pool: UnrolledPool, h: readonly (readonly bigint[])[], a: readonly bigint[][], q: number): void {
  for (const [m, w] of pool.windows.entries()) {
    let s = 0n;
    for (const u of w) s += at(at(h, u), q);
    at(a, m)[q] = s / BigInt(w.length);
  }
}

/**
 * Order q of ∂/∂h[u] from ∂/∂a of the pooled entries that read u: Πᵀ back, the sum over the max
 * windows that select u, or over the average windows that hold u divided by the window size.
 *
 * @param readers - the pooled entries that read u at this point
 * @internal
 */
export function poolBackAt(pool: UnrolledPool, readers: readonly number[], backA: readonly (readonly bigint[])[], q: number): bigint {
  let s = 0n;
  for (const m of readers) s += at(at(backA, m), q);
  return pool.kind === "max" ? s : s / BigInt(at(pool.windows, 0).length);
}

/** Per unit of a max-pooled layer, the pooled entries whose selection is that unit (readers of the unit). @internal */
export function maxReaders(units: number, select: Int32Array): number[][] {
  const readers: number[][] = Array.from({ length: units }, () => []);
  for (const [m, u] of select.entries()) at(readers, u).push(m);
  return readers;
}
