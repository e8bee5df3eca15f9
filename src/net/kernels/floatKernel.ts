import { InputError } from "../../errors.js";
import type { Activation } from "../activation.js";
import type { LossKind } from "../loss.js";
import { lossCount } from "../_internals/lossScale.js";
import type { ParamLayout } from "../paramLayout.js";
import { FLOAT_KERNEL_WASM } from "./_generated/floatKernelWasm.js";

/** A data set as flat row-major arrays: `X` n×d, `Y` n×e. A kernel copies `X` into its memory once per array, so change a data set by passing new arrays, not by writing into these. */
export interface FloatData {
  readonly n: number;
  readonly X: Float64Array;
  readonly Y: Float64Array;
}

/** The loss and gradient of one layout, loss kind and data size, with its scratch memory allocated once. */
export interface FloatKernel {
  /** Writes ∇L(θ) into `grad` (same layout as `params`) and returns L(θ). Allocates nothing. */
  lossAndGradient(params: Float64Array, data: FloatData, grad: Float64Array): number;
  /** L(θ) alone. Allocates nothing. */
  loss(params: Float64Array, data: FloatData): number;
}

/** Everything the kernel functions read: sizes, offsets (taken from the ParamLayout once), slopes and the kernel's memory. One shape for all kernels. */
interface State {
  n: number;
  d: number;
  l: number;
  e: number;
  hb: boolean;
  W1: number;
  b1: number;
  W2: number;
  ob: boolean;
  b2: number;
  /** σ(z) = z for z > 0 and neg·z for z < 0; σ'(0) = atZero (PyTorch's convention). */
  neg: number;
  atZero: number;
  bce: boolean;
  /** What the summed loss is divided by: n·e for mse (PyTorch's mean over every element), n otherwise. */
  count: number;
  wasm: KernelMemory;
}

/** The functions of floatKernel.wat. */
interface KernelExports {
  preActivations(n: number, d: number, dp: number, lp: number, x: number, wt: number, b: number, z: number): void;
  activate(count: number, z: number, h: number, neg: number): void;
  backward(
    n: number,
    e: number,
    d: number,
    dp: number,
    lp: number,
    z: number,
    h: number,
    r: number,
    a: number,
    x: number,
    neg: number,
    atZero: number,
    ga: number,
    dOut: number,
    gb: number,
    gt: number,
  ): void;
}

const ARRAYS = ["X", "WT", "B", "Z", "H", "R", "A", "GA", "D", "GB", "GT"] as const;
type ArrayName = (typeof ARRAYS)[number];

/** One kernel's WebAssembly instance and memory: views of its arrays and their byte addresses. */
interface KernelMemory {
  run: KernelExports;
  /** Row strides: inputs padded to an even dp, neurons to a multiple of 8 (lp). */
  dp: number;
  lp: number;
  view: Record<ArrayName, Float64Array>;
  at: Record<ArrayName, number>;
  /** The data array last copied into X (copied again only when another array comes). */
  copiedX: Float64Array | undefined;
}

/** The part of the WebAssembly API used here (a global of Node, absent from the ES2022 lib types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
const wasmModule = new Wasm.Module(Buffer.from(FLOAT_KERNEL_WASM, "base64"));

/** Lays out one kernel's arrays (16-byte aligned) in a fresh memory and instantiates the module on it. */
function kernelMemory(n: number, d: number, l: number, e: number): KernelMemory {
  const dp = d + (d % 2);
  const lp = Math.ceil(l / 8) * 8;
  const lengths: Record<ArrayName, number> = {
    X: n * dp,
    WT: dp * lp,
    B: lp,
    Z: n * lp,
    H: n * lp,
    R: n * e,
    A: e * lp,
    GA: e * lp,
    D: n * lp,
    GB: lp,
    GT: dp * lp,
  };
  const at = {} as Record<ArrayName, number>;
  let top = 0;
  for (const name of ARRAYS) {
    at[name] = top;
    top += Math.ceil(lengths[name] / 2) * 16;
  }
  const memory = new Wasm.Memory({ initial: Math.max(1, Math.ceil(top / 65536)) });
  const run = new Wasm.Instance(wasmModule, { env: { memory } }).exports as unknown as KernelExports;
  const view = {} as Record<ArrayName, Float64Array>;
  for (const name of ARRAYS) view[name] = new Float64Array(memory.buffer, at[name], lengths[name]);
  return { run, dp, lp, view, at, copiedX: undefined };
}

function slopes(act: Activation): { neg: number; atZero: number } {
  switch (act.kind) {
    case "relu":
      return { neg: 0, atZero: 0 };
    case "linear":
      return { neg: 1, atZero: 1 };
    case "abs":
      return { neg: -1, atZero: 0 };
    case "leaky_relu": {
      const [p, q] = act.slope.split("/");
      const s = q === undefined ? Number(p) : Number(p) / Number(q);
      if (!Number.isFinite(s)) throw new InputError(`invalid leaky_relu slope. Must be a finite number. Value: \`${act.slope}\`.`);
      return { neg: s, atZero: s };
    }
  }
}

// The functions below are module-level (not closures made per kernel) so that
// V8 optimises them once for every kernel and every training run. The loops
// over n·l live in WebAssembly: SIMD, and no data-dependent branches (the sign
// of z decides σ and σ' by select, which a JIT turns into mispredicted jumps).

/**
 * Fills Z = X W1ᵀ + b1 and H = σ(Z) (each z summed over m in order, the bias
 * added last, as the generic kernel does, so a point exactly on a kink is
 * decided the same way), then R = dℓ/df (not yet divided by n); returns Σ_i ℓ_i.
 * The data are copied into the kernel's memory when a new array comes: arrays
 * must not change in place between calls.
 */
function forward(S: State, p: Float64Array, data: FloatData): number {
  const { n, d, l, e, hb, W1, b1, W2, ob, b2, neg, bce } = S;
  if (data.n !== n) throw new InputError(`invalid data size. Must be ${n} points for this kernel. Value: \`${data.n}\`.`);
  const M = S.wasm;
  const { dp, lp, at } = M;
  const { X, WT, B, H, R } = M.view;
  if (M.copiedX !== data.X) {
    for (let i = 0; i < n; i++) X.set(data.X.subarray(i * d, (i + 1) * d), i * dp);
    M.copiedX = data.X;
  }
  for (let k = 0; k < l; k++) {
    for (let m = 0; m < d; m++) WT[m * lp + k] = p[W1 + k * d + m]!;
    if (hb) B[k] = p[b1 + k]!;
  }
  M.run.preActivations(n, d, dp, lp, at.X, at.WT, at.B, at.Z);
  M.run.activate(n * lp, at.Z, at.H, neg);
  const Y = data.Y;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < e; j++) {
      const ao = W2 + j * l;
      let f = 0;
      for (let k = 0; k < l; k++) f += p[ao + k]! * H[i * lp + k]!;
      if (ob) f += p[b2 + j]!;
      const y = Y[i * e + j]!;
      if (bce) {
        // softplus(f) − y f, stable for large |f|; dℓ/df = sigmoid(f) − y.
        const t = Math.exp(-Math.abs(f));
        total += Math.max(f, 0) + Math.log1p(t) - y * f;
        R[i * e + j] = (f >= 0 ? 1 / (1 + t) : t / (1 + t)) - y;
      } else {
        const r = f - y;
        total += r * r;
        R[i * e + j] = 2 * r;
      }
    }
  }
  return total;
}

/**
 * Back-propagation after {@link forward}: writes the whole gradient into g;
 * returns the mean loss. Every entry is summed over the points in increasing
 * order with the generic kernel's products, so the two agree to the last bit
 * (up to the sign of a zero).
 */
function lossAndGradient(S: State, p: Float64Array, data: FloatData, g: Float64Array): number {
  const total = forward(S, p, data);
  const { n, d, l, e, hb, W1, b1, W2, ob, b2, neg, atZero } = S;
  const M = S.wasm;
  const { dp, lp, at } = M;
  const { R, A, GA, GB, GT } = M.view;
  const inv = 1 / S.count;
  g.fill(0);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < e; j++) {
      const r = R[i * e + j]! * inv;
      R[i * e + j] = r;
      if (ob) g[b2 + j]! += r;
    }
  for (let j = 0; j < e; j++) for (let k = 0; k < l; k++) A[j * lp + k] = p[W2 + j * l + k]!;
  GA.fill(0);
  GB.fill(0);
  M.run.backward(n, e, d, dp, lp, at.Z, at.H, at.R, at.A, at.X, neg, atZero, at.GA, at.D, at.GB, at.GT);
  for (let j = 0; j < e; j++) for (let k = 0; k < l; k++) g[W2 + j * l + k] = GA[j * lp + k]!;
  for (let k = 0; k < l; k++) {
    if (hb) g[b1 + k] = GB[k]!;
    for (let m = 0; m < d; m++) g[W1 + k * d + m] = GT[m * lp + k]!;
  }
  return total * inv;
}

/**
 * The float fast path of the exact `lossAndGradient` for a two-layer network,
 * on flat arrays in the order of its {@link ParamLayout} (PyTorch `state_dict`):
 * the same back-propagation, its n·l loops in WebAssembly SIMD (floatKernel.wat)
 * on a memory laid out once for `n` points. Every homogeneous activation is
 * piecewise linear with slope 1 for z > 0, so one code path serves relu,
 * leaky_relu, abs and linear.
 *
 * @param n - the number of data points the kernel will see (its buffers' size)
 * @throws InputError for a layout that is not two-layer, or a leaky_relu slope that is not a finite number
 * @example floatKernel(paramLayout([1, 1, 1], [false, false], { kind: "relu" }), "mse", 1).loss(Float64Array.of(1, 2), { n: 1, X: Float64Array.of(1), Y: Float64Array.of(0) }) // returns 4
 */
export function floatKernel(L: ParamLayout, lossKind: LossKind, n: number): FloatKernel {
  if (L.depth !== 2)
    throw new InputError({
      field: "layout",
      expected: "a two-layer layout (the float kernel has one hidden layer)",
      value: L.widths.join(","),
    });
  const { neg, atZero } = slopes(L.activation);
  const [d, l, e] = L.widths as [number, number, number];
  const S: State = {
    n,
    d,
    l,
    e,
    hb: L.bias[0]!,
    W1: L.weightOffset[0]!,
    b1: L.biasOffset[0]!,
    W2: L.weightOffset[1]!,
    ob: L.bias[1]!,
    b2: L.biasOffset[1]!,
    neg,
    atZero,
    bce: lossKind === "bce",
    count: lossCount(lossKind, n, e),
    wasm: kernelMemory(n, d, l, e),
  };
  return {
    loss: (p, data) => forward(S, p, data) / S.count,
    lossAndGradient: (p, data, g) => lossAndGradient(S, p, data, g),
  };
}
