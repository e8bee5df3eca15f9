import { refuseConvolutions } from "../_internals/refuseConvolutions.js";
import { InputError } from "../../errors.js";
import { at } from "../../scalar/at.js";
import { float } from "../../scalar/float.js";
import { activationFunctions } from "../activationFunctions.js";
import type { GradientKernel } from "../gradientKernel.js";
import type { LossKind } from "../loss.js";
import { lossCount } from "../_internals/lossScale.js";
import type { ParamLayout } from "../paramLayout.js";
import type { Dataset } from "../readDataset.js";
import { FLOAT_KERNEL_WASM } from "./_generated/floatKernelWasm.js";

/** The functions of floatKernel.wat (byte addresses, sizes in entries). */
interface KernelExports {
  matmul(n: number, din: number, xs: number, ws: number, x: number, w: number, z: number, ...finish: Finish): void;
  gram(n: number, din: number, as: number, ds: number, a: number, d: number, g: number): void;
  matmul2(n: number, din: number, xs: number, x: number, w: number, z: number, ...finish: Finish): void;
  gramColumn(n: number, din: number, as: number, a: number, d: number, g: number): void;
  columnSums(n: number, ds: number, d: number, g: number): void;
  sendBack1(n: number, ws: number, ds: number, d: number, w: number, out: number, aux: number, neg: number, atZero: number): void;
  bce(n: number, e: number, pe: number, f: number, y: number, d: number, inv: number, out: number): void;
}

/**
 * How matmul finishes each sum before storing it (see floatKernel.wat): the
 * bias's address, the distance from Z to H or to the layer below's
 * pre-activations, the flags (1 bias, 2 H = σ(Z), 4 times σ′ of the layer
 * below), and σ′ below 0 and at 0.
 */
type Finish = [b: number, aux: number, flags: number, neg: number, atZero: number];
const BIAS = 1;
const ACTIVATE = 2;
const SLOPES = 4;

/** The part of the WebAssembly API used here (a global of Node, absent from the ES2022 lib types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
const wasmModule = new Wasm.Module(Buffer.from(FLOAT_KERNEL_WASM, "base64"));

/**
 * One weight layer l in the kernel's memory: widths din → dout, each padded to
 * an even row stride (pin, pout), the offsets of W_l and b_l in θ, and the byte
 * addresses of its arrays, each sized for every row of the data:
 * WT = W_lᵀ (din × pout) for the forward pass, WR = W_l (dout × pin) to send δ
 * back, B the bias, Z the pre-activations, H = σ(Z) (hidden layers), D = ∂L/∂Z,
 * G = (∂L/∂W_l)ᵀ (din × pout) and GB = ∂L/∂b_l.
 */
interface Layer {
  din: number;
  dout: number;
  pin: number;
  pout: number;
  wOffset: number;
  bOffset: number;
  WT: number;
  WR: number;
  B: number;
  Z: number;
  H: number;
  D: number;
  G: number;
  GB: number;
}

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
  const layers: Layer[] = [];
  for (let l = 0; l < depth; l++) {
    const din = at(widths, l);
    const dout = at(widths, l + 1);
    const pin = even(din);
    const pout = even(dout);
    const rows = Math.max(N, 1) * pout;
    layers.push({
      din,
      dout,
      pin,
      pout,
      wOffset: at(L.weightOffset, l),
      bOffset: at(L.biasOffset, l),
      WT: alloc(din * pout),
      WR: alloc(dout * pin),
      B: alloc(pout),
      Z: alloc(rows),
      H: l < depth - 1 ? alloc(rows) : -1,
      D: alloc(rows),
      G: alloc(din * pout),
      GB: alloc(pout),
    });
  }
  const memory = new Wasm.Memory({ initial: Math.max(1, Math.ceil(top / 65536)) });
  const run = new Wasm.Instance(wasmModule, { env: { memory } }).exports as unknown as KernelExports;
  const heap = new Float64Array(memory.buffer);
  const heap32 = new Int32Array(memory.buffer);
  /** The heap index of a byte address. */
  const slot = (byte: number): number => byte / 8;
  // Copied row by row: Float64Array.from(X.flat()) takes milliseconds on a data set of this size.
  const all = new Float64Array(N * d);
  const Y = new Float64Array(N * e);
  // (every row has d inputs and e outputs: checked above)
  for (const [i, x] of data.X.entries()) all.set(x, i * d);
  for (const [i, y] of data.Y.entries()) Y.set(y, i * e);
  const bce = lossKind === "bce";
  const last = at(layers, depth - 1);
  /** The rows in X now: all of them, or the last mini-batch array seen. */
  let loaded: readonly number[] | "all" | undefined;

  const load = (rows: readonly number[] | undefined): number => {
    const want = rows ?? "all";
    const n = rows === undefined ? N : rows.length;
    if (n > N) throw new InputError({ field: "rows", expected: `at most the ${N} rows of the data`, value: String(n) });
    if (loaded !== want) {
      for (let r = 0; r < n; r++) {
        const i = rows === undefined ? r : at(rows, r);
        if (!(i >= 0 && i < N)) throw new InputError({ field: "rows", expected: `row indices below ${N}`, value: String(i) });
        heap.set(all.subarray(i * d, (i + 1) * d), slot(X) + r * pd);
        heap.set(Y.subarray(i * e, (i + 1) * e), slot(YB) + r * pe);
      }
      loaded = want;
    }
    return n;
  };

  /** The forward pass on the loaded rows; with `grad`, D of the output layer is dℓ/df/n. Returns the mean loss. */
  const forward = (p: ArrayLike<number>, rows: readonly number[] | undefined, n: number, withGradient: boolean): number => {
    let input = X;
    let inputStride = pd;
    for (const [l, layer] of layers.entries()) {
      const { din, dout, pin, pout, wOffset, bOffset } = layer;
      const WT = slot(layer.WT);
      const WR = slot(layer.WR);
      // the per-step copies below index θ, the heap and Y unchecked: the offsets come from the layout θ has
      // and from the arrays allocated above for it, and a checked read per entry is measurably slower here
      for (let k = 0; k < dout; k++)
        for (let m = 0; m < din; m++) {
          const w = p[wOffset + k * din + m]!;
          heap[WT + m * pout + k] = w;
          heap[WR + k * pin + m] = w;
        }
      const hidden = l < depth - 1;
      if (bOffset >= 0) for (let k = 0; k < dout; k++) heap[slot(layer.B) + k] = p[bOffset + k]!;
      // Z = the sums plus the bias, and below the output H = σ(Z), as each sum is stored
      const aux = hidden ? layer.H - layer.Z : 0;
      const flags = (bOffset >= 0 ? BIAS : 0) | (hidden ? ACTIVATE : 0);
      // a layer of one or two outputs (a scalar output) has its own loop: four rows in flight, not one
      if (pout === 2) run.matmul2(n, din, inputStride, input, layer.WT, layer.Z, layer.B, aux, flags, neg, atZero);
      else run.matmul(n, din, inputStride, pout, input, layer.WT, layer.Z, layer.B, aux, flags, neg, atZero);
      if (hidden) {
        input = layer.H;
        inputStride = pout;
      }
    }
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
    for (let r = 0; r < n; r++) {
      const i = rows === undefined ? r : at(rows, r);
      let point = 0;
      for (let j = 0; j < e; j++) {
        const diff = heap[F + r * pe + j]! - Y[i * e + j]!;
        point += diff * diff;
        if (withGradient) heap[D + r * pe + j] = 2 * diff * inv;
      }
      total += point;
    }
    return total * inv;
  };

  const backward = (n: number): number[] => {
    const g = new Array<number>(L.size).fill(0);
    for (let l = depth - 1; l >= 0; l--) {
      const layer = at(layers, l);
      const { din, dout, pin, pout, wOffset, bOffset } = layer;
      const below = l > 0 ? at(layers, l - 1) : undefined;
      const A = below ? below.H : X;
      const as = below ? pin : pd;
      // G = AᵀD, by gram in blocks of rows for the cache, or for one or two outputs a column at a time: the same sums in the same order
      if (pout === 2) for (let k = 0; k < dout; k++) run.gramColumn(n, din, as, A, layer.D + 8 * k, layer.G + 8 * k);
      else run.gram(n, din, as, pout, A, layer.D, layer.G);
      const G = slot(layer.G);
      for (let k = 0; k < dout; k++) for (let m = 0; m < din; m++) g[wOffset + k * din + m] = heap[G + m * pout + k]!;
      if (bOffset >= 0) {
        run.columnSums(n, pout, layer.D, layer.GB);
        for (let k = 0; k < dout; k++) g[bOffset + k] = heap[slot(layer.GB) + k]!;
      }
      // δ of the layer below, times σ′ of its pre-activations as each sum is stored
      if (below === undefined) continue;
      // (a scalar output's error goes back as one product per entry: matmul's blocks would cost more than the term)
      if (dout === 1) run.sendBack1(n, pin, pout, layer.D, layer.WR, below.D, below.Z - below.D, neg, atZero);
      else run.matmul(n, dout, pout, pin, layer.D, layer.WR, below.D, 0, below.Z - below.D, SLOPES, neg, atZero);
    }
    return g;
  };

  return {
    loss: (theta, rows) => forward(theta, rows, load(rows), false),
    lossAndGradient(theta, rows) {
      const n = load(rows);
      const loss = forward(theta, rows, n, true);
      return { loss, grad: backward(n) };
    },
  };
}
