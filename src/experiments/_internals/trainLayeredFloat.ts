import { ConvergenceError } from "../../errors.js";
import type { FloatData } from "../../net/kernels/floatKernel.js";
import type { ParamLayout } from "../../net/paramLayout.js";

/** A full-batch float run of {@link trainLayeredFloat}. */
export interface LayeredFloatRun {
  /** θ after the last epoch (a new array). */
  params: Float64Array;
  /** [epoch, L(θ_epoch)] every `recordEvery` epochs, first and last included. */
  losses: [number, number][];
}

/** log(1 + eˣ) without overflow. */
const softplus = (f: number): number => Math.max(f, 0) + Math.log1p(Math.exp(-Math.abs(f)));

/**
 * The mean BCE-with-logits loss of a ReLU network of any depth on flat arrays,
 * and (when `g` is given) its gradient written into `g`: the back-propagation of
 * the library's `lossAndGradient`, for the experiments that train deeper nets
 * than the two-layer float kernel takes.
 */
export function layeredLossAndGradient(p: Float64Array, L: ParamLayout, data: FloatData, g?: Float64Array): number {
  const { widths, depth, weightOffset: W, biasOffset: B } = L;
  const { n, X, Y } = data;
  const e = widths[depth]!;
  // Activations per layer, row-major n × width; layer 0 is the input.
  const acts: Float64Array[] = [X];
  for (let l = 0; l < depth; l++) {
    const inW = widths[l]!;
    const outW = widths[l + 1]!;
    const prev = acts[l]!;
    const z = new Float64Array(n * outW);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < outW; k++) {
        let s = B[l]! >= 0 ? p[B[l]! + k]! : 0;
        const row = W[l]! + k * inW;
        for (let m = 0; m < inW; m++) s += p[row + m]! * prev[i * inW + m]!;
        // Hidden layers carry ReLU; the output layer is the logit.
        z[i * outW + k] = l + 1 < depth && s < 0 ? 0 : s;
      }
    acts.push(z);
  }
  const out = acts[depth]!;
  let total = 0;
  for (let q = 0; q < n * e; q++) total += softplus(out[q]!) - Y[q]! * out[q]!;
  if (g === undefined) return total / n;
  g.fill(0);
  // δ at the output: (σ(f) − y)/n.
  let delta = new Float64Array(n * e);
  for (let q = 0; q < n * e; q++) delta[q] = (1 / (1 + Math.exp(-out[q]!)) - Y[q]!) / n;
  for (let l = depth - 1; l >= 0; l--) {
    const inW = widths[l]!;
    const outW = widths[l + 1]!;
    const prev = acts[l]!;
    const back = new Float64Array(n * inW);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < outW; k++) {
        const dk = delta[i * outW + k]!;
        if (dk === 0) continue;
        if (B[l]! >= 0) g[B[l]! + k]! += dk;
        const row = W[l]! + k * inW;
        for (let m = 0; m < inW; m++) {
          g[row + m]! += dk * prev[i * inW + m]!;
          back[i * inW + m]! += dk * p[row + m]!;
        }
      }
    // Through the ReLU of hidden layer l (its output is 0 exactly where it is off).
    if (l > 0) for (let q = 0; q < back.length; q++) if (!(prev[q]! > 0)) back[q] = 0;
    delta = back;
  }
  return total / n;
}

/**
 * Full-batch gradient descent θ ← θ − η∇L(θ) in float64 on a ReLU network of
 * any depth with BCE-with-logits loss, calling `onEpoch` after every step.
 *
 * @throws ConvergenceError when the loss leaves the float range
 */
export function trainLayeredFloat(
  params: Float64Array,
  L: ParamLayout,
  data: FloatData,
  options: { lr: number; epochs: number; recordEvery: number; onEpoch?: (epoch: number, p: Float64Array) => void },
): LayeredFloatRun {
  const p = Float64Array.from(params);
  const g = new Float64Array(L.size);
  const losses: [number, number][] = [];
  for (let t = 0; t < options.epochs; t++) {
    const value = layeredLossAndGradient(p, L, data, g);
    if (!Number.isFinite(value))
      throw new ConvergenceError("gd", `epoch ${t} (the loss)`, "a value left the range of float arithmetic", {
        field: "lr",
        change: "lower",
      });
    if (t === 0 || (options.recordEvery > 0 && t % options.recordEvery === 0)) losses.push([t, value]);
    for (let q = 0; q < p.length; q++) p[q]! -= options.lr * g[q]!;
    options.onEpoch?.(t + 1, p);
  }
  losses.push([options.epochs, layeredLossAndGradient(p, L, data)]);
  return { params: p, losses };
}
