import { InputError } from "../errors.js";
import type { Activation } from "../net/activation.js";
import type { LossKind } from "../net/loss.js";
import type { FloatLayout } from "./floatLayout.js";

/** A data set as flat row-major arrays: `X` n×d, `Y` n×e. */
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

/** Everything the kernel functions read: sizes, offsets, slopes and scratch buffers. One shape for all kernels. */
interface State {
  n: number;
  d: number;
  l: number;
  e: number;
  hb: boolean;
  b1: number;
  W2: number;
  ob: boolean;
  b2: number;
  /** σ(z) = z for z > 0 and neg·z for z < 0; σ'(0) = atZero (PyTorch's convention). */
  neg: number;
  atZero: number;
  bce: boolean;
  /** Pre-activations n×l, dℓ/df n×e, back-propagated δ n×l. */
  Z: Float64Array;
  R: Float64Array;
  D: Float64Array;
  /** Scratch of the weight gradient: offsets of the active points of one neuron and their δ. */
  rows: Int32Array;
  deltas: Float64Array;
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
// V8 optimises them once for every kernel and every training run.

/** One pre-activation z = w_k · x_i (+ b_k), summed like the generic kernel (dot over m, then the bias), so a point exactly on a kink is decided the same way. */
function single(S: State, p: Float64Array, X: Float64Array, i: number, k: number): void {
  const { d } = S;
  const xo = i * d;
  const wo = k * d;
  let z = 0;
  for (let m = 0; m < d; m++) z += p[wo + m]! * X[xo + m]!;
  S.Z[i * S.l + k] = S.hb ? z + p[S.b1 + k]! : z;
}

/**
 * Z = X W1ᵀ (+ b1) in tiles of two points × four neurons, so that each load of
 * x or w serves several products (W1 sits at offset 0). Every z is still
 * summed over m in order, exactly as {@link single} does.
 */
function preActivations(S: State, p: Float64Array, X: Float64Array): void {
  const { n, d, l, hb, b1, Z } = S;
  const l4 = l - (l % 4);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const xa = i * d;
    const xb = xa + d;
    for (let k = 0; k < l4; k += 4) {
      const w0 = k * d;
      const w1 = w0 + d;
      const w2 = w1 + d;
      const w3 = w2 + d;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, c0 = 0, c1 = 0, c2 = 0, c3 = 0; // prettier-ignore
      for (let m = 0; m < d; m++) {
        const x = X[xa + m]!;
        const y = X[xb + m]!;
        const v0 = p[w0 + m]!;
        const v1 = p[w1 + m]!;
        const v2 = p[w2 + m]!;
        const v3 = p[w3 + m]!;
        a0 += v0 * x;
        a1 += v1 * x;
        a2 += v2 * x;
        a3 += v3 * x;
        c0 += v0 * y;
        c1 += v1 * y;
        c2 += v2 * y;
        c3 += v3 * y;
      }
      if (hb) {
        const q0 = p[b1 + k]!, q1 = p[b1 + k + 1]!, q2 = p[b1 + k + 2]!, q3 = p[b1 + k + 3]!; // prettier-ignore
        a0 += q0;
        a1 += q1;
        a2 += q2;
        a3 += q3;
        c0 += q0;
        c1 += q1;
        c2 += q2;
        c3 += q3;
      }
      const o = i * l + k;
      Z[o] = a0;
      Z[o + 1] = a1;
      Z[o + 2] = a2;
      Z[o + 3] = a3;
      Z[o + l] = c0;
      Z[o + l + 1] = c1;
      Z[o + l + 2] = c2;
      Z[o + l + 3] = c3;
    }
    for (let k = l4; k < l; k++) {
      single(S, p, X, i, k);
      single(S, p, X, i + 1, k);
    }
  }
  for (; i < n; i++) for (let k = 0; k < l; k++) single(S, p, X, i, k);
}

/** Fills Z and R = dℓ/df (not yet divided by n); returns Σ_i ℓ_i. */
function forward(S: State, p: Float64Array, data: FloatData): number {
  const { n, l, e, W2, ob, b2, neg, bce, Z, R } = S;
  if (data.n !== n) throw new InputError(`invalid data size. Must be ${n} points for this kernel. Value: \`${data.n}\`.`);
  const Y = data.Y;
  preActivations(S, p, data.X);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < e; j++) {
      const ao = W2 + j * l;
      let f = 0;
      for (let k = 0; k < l; k++) {
        const z = Z[i * l + k]!;
        f += p[ao + k]! * (z > 0 ? z : neg * z);
      }
      if (ob) f += p[b2 + j]!;
      const y = Y[i * e + j]!;
      if (bce) {
        // softplus(f) − y f, stable for large |f|; dℓ/df = sigmoid(f) − y.
        const t = Math.exp(-Math.abs(f));
        total += (f > 0 ? f : 0) + Math.log1p(t) - y * f;
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
 * g[W1] = Δᵀ X: for each neuron k, the points where δ_ik ≠ 0 (ReLU leaves about
 * half of them inactive) are gathered once, then every g[k][m] = Σ_i δ_ik x_im
 * is summed in registers over those points in increasing i, six inputs m at a
 * time — the generic kernel's terms in the generic kernel's order.
 */
function weightGradient(S: State, X: Float64Array, g: Float64Array): void {
  const { n, d, l, D, rows, deltas } = S;
  const d6 = d - (d % 6);
  for (let k = 0; k < l; k++) {
    let c = 0;
    for (let i = 0; i < n; i++) {
      const v = D[i * l + k]!;
      if (v !== 0) {
        rows[c] = i * d;
        deltas[c] = v;
        c++;
      }
    }
    const w = k * d;
    for (let m = 0; m < d6; m += 6) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0; // prettier-ignore
      for (let j = 0; j < c; j++) {
        const o = rows[j]! + m;
        const v = deltas[j]!;
        a0 += v * X[o]!;
        a1 += v * X[o + 1]!;
        a2 += v * X[o + 2]!;
        a3 += v * X[o + 3]!;
        a4 += v * X[o + 4]!;
        a5 += v * X[o + 5]!;
      }
      g[w + m] = a0;
      g[w + m + 1] = a1;
      g[w + m + 2] = a2;
      g[w + m + 3] = a3;
      g[w + m + 4] = a4;
      g[w + m + 5] = a5;
    }
    for (let m = d6; m < d; m++) {
      let a = 0;
      for (let j = 0; j < c; j++) a += deltas[j]! * X[rows[j]! + m]!;
      g[w + m] = a;
    }
  }
}

/** Back-propagation after {@link forward}: writes the whole gradient into g; returns the mean loss. */
function lossAndGradient(S: State, p: Float64Array, data: FloatData, g: Float64Array): number {
  const total = forward(S, p, data);
  const { n, l, e, hb, b1, W2, ob, b2, neg, atZero, Z, R, D } = S;
  const inv = 1 / n;
  g.fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < e; j++) {
      const r = (R[i * e + j] = R[i * e + j]! * inv);
      if (ob) g[b2 + j] += r;
      const go = W2 + j * l;
      for (let k = 0; k < l; k++) {
        const z = Z[i * l + k]!;
        g[go + k] += r * (z > 0 ? z : neg * z);
      }
    }
    for (let k = 0; k < l; k++) {
      const z = Z[i * l + k]!;
      const s = z > 0 ? 1 : z < 0 ? neg : atZero;
      let back = 0;
      if (s !== 0) for (let j = 0; j < e; j++) back += p[W2 + j * l + k]! * R[i * e + j]!;
      const delta = back * s;
      D[i * l + k] = delta;
      if (hb && delta !== 0) g[b1 + k] += delta;
    }
  }
  weightGradient(S, data.X, g);
  return total * inv;
}

/**
 * The float fast path of the generic `lossAndGradient` for a two-layer network
 * in a {@link FloatLayout}: the same back-propagation on Float64Arrays, the
 * pre-activations, residuals and deltas kept in buffers made once for `n`
 * points. Every homogeneous activation is piecewise linear with slope 1 for
 * z > 0, so one code path serves relu, leaky_relu, abs and linear.
 *
 * @param n - the number of data points the kernel will see (its buffers' size)
 * @throws InputError for a layout whose W1 does not start at offset 0 (see floatLayout)
 */
export function floatKernel(L: FloatLayout, lossKind: LossKind, n: number): FloatKernel {
  if (L.W1 !== 0) throw new InputError(`invalid float layout. Must start with W1 at offset 0. Value: \`${L.W1}\`.`);
  const { neg, atZero } = slopes(L.activation);
  const S: State = {
    n,
    d: L.d,
    l: L.l,
    e: L.e,
    hb: L.hiddenBias,
    b1: L.b1,
    W2: L.W2,
    ob: L.outputBias,
    b2: L.b2,
    neg,
    atZero,
    bce: lossKind === "bce",
    Z: new Float64Array(n * L.l),
    R: new Float64Array(n * L.e),
    D: new Float64Array(n * L.l),
    rows: new Int32Array(n),
    deltas: new Float64Array(n),
  };
  return {
    loss: (p, data) => forward(S, p, data) / n,
    lossAndGradient: (p, data, g) => lossAndGradient(S, p, data, g),
  };
}
