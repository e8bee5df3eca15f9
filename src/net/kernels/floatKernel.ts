import { refuseConvolutions } from "../_internals/refuseConvolutions.js";
import { InputError, InternalError } from "../../errors.js";
import { at } from "../../scalar/at.js";
import { float } from "../../scalar/float.js";
import { activationFunctions } from "../activationFunctions.js";
import type { GradientKernel } from "../gradientKernel.js";
import type { LossKind } from "../loss.js";
import { lossCount } from "../_internals/lossScale.js";
import type { ParamLayout } from "../paramLayout.js";
import type { Dataset } from "../readDataset.js";
import { FLOAT_KERNEL_WASM } from "./_generated/floatKernelWasm.js";
import { compileWasm, instantiateWasm, wasmMemory, type WasmMemory } from "./_internals/wasmModule.js";
import { neuronSlots } from "./_internals/neuronSlots.js";

/** The functions of floatKernel.wat called from here (byte addresses, sizes in entries). */
interface KernelExports {
  forward(table: number, depth: number, n: number, theta: number, x: number, xs: number, neg: number, atZero: number): void;
  backward(table: number, depth: number, n: number, grad: number, x: number, xs: number, neg: number, atZero: number): void;
  bce(n: number, e: number, pe: number, f: number, y: number, d: number, inv: number, out: number): void;
  descend(
    theta: number,
    grad: number,
    size: number,
    lr: number,
    slots: number,
    bounds: number,
    neurons: number,
    c: number,
    pred: number,
  ): number;
}

const wasmModule = compileWasm(FLOAT_KERNEL_WASM);

/**
 * The memory and instance of the last kernel released (`release`), for the next kernel built: a training run
 * touches every page of its memory, and the first touch of a fresh page costs more than a small network's
 * training step (a 30 → 16 → 1 network on 569 rows: about 0.3 ms a run, 2 % of its 200 epochs).
 */
let spare: { memory: WasmMemory; run: KernelExports } | undefined;

/**
 * One weight layer l in the kernel's memory: widths din → dout, each padded to
 * an even row stride (pin, pout), and the byte addresses of its arrays, each
 * sized for every row of the data: WT = W_lᵀ (din × pout) for the forward pass,
 * WR = W_l (dout × pin) to send δ back, B the bias, Z the pre-activations,
 * H = σ(Z) (hidden layers), D = ∂L/∂Z (in Z's place below the output), G = (∂L/∂W_l)ᵀ (din × pout) and GB = ∂L/∂b_l.
 */
interface Layer {
  pout: number;
  Z: number;
  D: number;
}

/** The i32 fields of a layer's row in the layer table the passes of floatKernel.wat walk, in order (64 bytes a row). */
const TABLE_FIELDS = 16;

const even = (w: number): number => w + (w % 2);

/**
 * The float fast path of the exact `lossAndGradient` for a network of any
 * depth, on flat parameter vectors in the order of its {@link ParamLayout}
 * (PyTorch `state_dict`): the same back-propagation with every sum taken in the
 * same order, so that for the squared errors the gradient is the generic
 * kernel's in float to the last bit (up to the sign of a zero), its loops over
 * the points in WebAssembly SIMD (floatKernel.wat) on a memory laid out once for
 * the data set. σ and σ′ come from the activation's `activationFunctions`: every
 * homogeneous activation has slope 1 above 0, one slope below and PyTorch's σ′(0)
 * at 0, so one code path serves them all. BCE uses the stable softplus and
 * logistic function with an exp of its own in SIMD (within 1.3 ulp, as
 * `Math.exp`) and one logarithm per lane for Σ log(1 + e^−|f|), so its loss
 * and gradient agree with the generic kernel's to a few roundings, not bit for bit.
 * Each pass runs through every layer in one call into WebAssembly, and
 * `descent` keeps θ there between the steps of plain gradient descent, taking
 * the step and every hidden neuron's c in the same memory: a small network's
 * step costs about as much as the copies and calls it would otherwise make.
 *
 * @param L - the network's layout (any depth)
 * @param lossKind - mse, sse-mean or bce
 * @param data - the data set the kernel trains on; `rows` in its calls pick mini-batches of it
 * @throws InputError when the data's widths are not the layout's, or the activation's slope is not a finite float
 * @example floatKernel(paramLayout([1, 1, 1], [false, false], { kind: "relu" }), "mse", { X: [[1]], Y: [[0]] }).loss([1, 2]) // returns 4
 */
export function floatKernel(L: ParamLayout, lossKind: LossKind, data: Dataset<number>): GradientKernel<number> {
  refuseConvolutions(L, "the float kernel");
  const { widths, depth } = L;
  const d = at(widths, 0);
  const e = at(widths, depth);
  const N = data.X.length;
  const badRow = data.X.findIndex((x, i) => x.length !== d || data.Y[i]?.length !== e);
  if (badRow >= 0 || data.Y.length !== N)
    throw new InputError({
      field: "data",
      expected: `rows of ${d} inputs and ${e} outputs (the network's widths)`,
      value: badRow >= 0 ? `row ${badRow}` : `${data.Y.length} outputs for ${N} inputs`,
    });
  const { slopeAt } = activationFunctions(L.activation, float);
  const neg = slopeAt(-1);
  const atZero = slopeAt(0);
  if (!Number.isFinite(neg)) throw new InputError({ field: "activation", expected: "a slope that is a finite float", value: String(neg) });
  // Memory: the data (rows gathered per call), then every layer's arrays, 16-byte aligned.
  let top = 0;
  const alloc = (entries: number): number => {
    const address = top;
    top += Math.ceil(entries / 2) * 16;
    return address;
  };
  const pd = even(d);
  const X = alloc(Math.max(N, 1) * pd);
  const pe = even(e);
  // The loaded rows' targets (row stride pe, as F and D), and bce's six lane results.
  const YB = alloc(Math.max(N, 1) * pe);
  const OUT = alloc(6);
  // θ of a call, θ of a descent (apart, so that calls between its steps leave it as it was), the gradient,
  // the layer table (one row of i32 fields per layer) and the hidden neurons' slots and c, for descent.
  const size = L.size;
  const THETA = alloc(size);
  const RUN = alloc(size);
  const GRAD = alloc(size);
  const TABLE = alloc((depth * TABLE_FIELDS) / 2);
  const { slots, bounds } = neuronSlots(L);
  const neurons = (bounds.length - 1) / 2;
  const SLOTS = alloc(slots.length / 2);
  const BOUNDS = alloc(bounds.length / 2);
  const C = alloc(neurons);
  const PRED = alloc(neurons);
  const layers: Layer[] = [];
  const table: number[] = [];
  for (let l = 0; l < depth; l++) {
    const din = at(widths, l);
    const dout = at(widths, l + 1);
    const pin = even(din);
    const pout = even(dout);
    const rows = Math.max(N, 1) * pout;
    const bOffset = at(L.biasOffset, l);
    const WT = alloc(din * pout);
    const WR = alloc(dout * pin);
    const B = alloc(pout);
    const Z = alloc(rows);
    const H = l < depth - 1 ? alloc(rows) : 0;
    // A hidden layer's D is written over its Z, which holds σ′(Z) by then, each entry read just before the
    // product that replaces it (the error sent back reads nothing else of it): one array fewer in the cache.
    const D = l < depth - 1 ? Z : alloc(rows);
    const G = alloc(din * pout);
    const GB = alloc(pout);
    layers.push({ pout, Z, D });
    // the fields in floatKernel.wat's order; θ offsets in bytes
    table.push(din, dout, pin, pout, 8 * at(L.weightOffset, l), bOffset >= 0 ? 8 * bOffset : -1, WT, WR, B, Z, H, D, G, GB, 0, 0);
  }
  const pages = Math.max(1, Math.ceil(top / 65536));
  const reused = spare !== undefined && spare.memory.buffer.byteLength >= pages * 65536 ? spare : undefined;
  if (reused !== undefined) {
    spare = undefined;
    // as fresh memory is: the padding of every array is 0
    new Uint8Array(reused.memory.buffer, 0, top).fill(0);
  }
  const memory = reused?.memory ?? wasmMemory(pages);
  const run = reused?.run ?? instantiateWasm<KernelExports>(wasmModule, memory);
  let released = false;
  /** Refuses a call after `release` (its memory may be another kernel's by then). */
  const live = (): void => {
    if (released) throw new InternalError("floatKernel: called after release");
  };
  const heap = new Float64Array(memory.buffer);
  const heap32 = new Int32Array(memory.buffer);
  heap32.set(table, TABLE >> 2);
  heap32.set(slots, SLOTS >> 2);
  heap32.set(bounds, BOUNDS >> 2);
  /** The heap index of a byte address. */
  const slot = (byte: number): number => byte / 8;
  // Copied row by row: Float64Array.from(X.flat()) takes milliseconds on a data set of this size. The rows
  // are padded as in the kernel's memory, so that all of them load in one copy each.
  const all = new Float64Array(N * pd);
  const Y = new Float64Array(N * pe);
  // (every row has d inputs and e outputs: checked above)
  for (const [i, x] of data.X.entries()) all.set(x, i * pd);
  for (const [i, y] of data.Y.entries()) Y.set(y, i * pe);
  const bce = lossKind === "bce";
  const last = at(layers, depth - 1);
  /** The rows in X now: all of them, or the last mini-batch array seen. */
  let loaded: readonly number[] | "all" | undefined;

  const load = (rows: readonly number[] | undefined): number => {
    const want = rows ?? "all";
    const n = rows === undefined ? N : rows.length;
    if (n > N) throw new InputError({ field: "rows", expected: `at most the ${N} rows of the data`, value: String(n) });
    if (loaded !== want) {
      if (rows === undefined) {
        heap.set(all, slot(X));
        heap.set(Y, slot(YB));
      }
      for (let r = 0; rows !== undefined && r < n; r++) {
        const i = at(rows, r);
        if (!(i >= 0 && i < N)) throw new InputError({ field: "rows", expected: `row indices below ${N}`, value: String(i) });
        heap.set(all.subarray(i * pd, (i + 1) * pd), slot(X) + r * pd);
        heap.set(Y.subarray(i * pe, (i + 1) * pe), slot(YB) + r * pe);
      }
      loaded = want;
    }
    return n;
  };

  /** The forward pass from θ at byte address `theta` on the loaded rows; with `grad`, D of the output layer is dℓ/df/n. Returns the mean loss. */
  const forward = (theta: number, rows: readonly number[] | undefined, n: number, withGradient: boolean): number => {
    run.forward(TABLE, depth, n, theta, X, pd, neg, atZero);
    // mse is PyTorch's nn.MSELoss, the mean over all n·e elements; sse-mean and bce divide by n
    const inv = 1 / lossCount(lossKind, n, e);
    if (bce) {
      // Σ softplus(f) − y f = the lanes' sums + log of the lanes' products of 1 + e^−|f| (see bce in floatKernel.wat).
      run.bce(n, e, pe, last.Z, YB, last.D, inv, OUT);
      const o = slot(OUT);
      const exponents = at(heap32, (OUT >> 2) + 8) + at(heap32, (OUT >> 2) + 10);
      return (at(heap, o) + at(heap, o + 1) + (Math.log(at(heap, o + 2)) + Math.log(at(heap, o + 3)) + exponents * Math.LN2)) * inv;
    }
    const F = slot(last.Z);
    const D = slot(last.D);
    let total = 0;
    // F, D and Y are indexed unchecked: the offsets come from the arrays allocated above for these rows
    for (let r = 0; r < n; r++) {
      const i = rows === undefined ? r : at(rows, r);
      let point = 0;
      for (let j = 0; j < e; j++) {
        const diff = heap[F + r * pe + j]! - Y[i * pe + j]!;
        point += diff * diff;
        if (withGradient) heap[D + r * pe + j] = 2 * diff * inv;
      }
      total += point;
    }
    return total * inv;
  };

  /** θ into the call's θ (its address). */
  const put = (theta: ArrayLike<number>): number => {
    heap.set(theta, slot(THETA));
    return THETA;
  };
  /** `size` entries of the heap from a byte address, as a new array. */
  const read = (byte: number): number[] => {
    // a plain loop: Array.from walks a typed array through its iterator, several times slower
    const out = new Array<number>(size);
    for (let i = 0, o = slot(byte); i < size; i++) out[i] = heap[o + i]!;
    return out;
  };

  return {
    loss: (theta, rows) => {
      live();
      const n = load(rows);
      return forward(put(theta), rows, n, false);
    },
    lossAndGradient(theta, rows) {
      live();
      const n = load(rows);
      const loss = forward(put(theta), rows, n, true);
      run.backward(TABLE, depth, n, GRAD, X, pd, neg, atZero);
      return { loss, grad: read(GRAD) };
    },
    descent(theta0, lr) {
      live();
      heap.set(theta0, slot(RUN));
      return {
        step() {
          live();
          const n = load(undefined);
          const loss = forward(RUN, undefined, n, true);
          run.backward(TABLE, depth, n, GRAD, X, pd, neg, atZero);
          const finite = run.descend(RUN, GRAD, size, lr, SLOTS, BOUNDS, neurons, C, PRED) === 1;
          return { loss, finite };
        },
        invariants: heap.subarray(slot(C), slot(C) + neurons),
        predicted: heap.subarray(slot(PRED), slot(PRED) + neurons),
        theta: () => {
          live();
          return read(RUN);
        },
      };
    },
    release() {
      // once: a second release would give away memory that the next kernel may hold by then
      if (released) return;
      released = true;
      spare = { memory, run };
    },
  };
}
