import { ConvergenceError, InputError } from "../errors.js";
import type { LossKind } from "../net/loss.js";
import { floatKernel, type FloatData } from "../net/kernels/floatKernel.js";
import type { ParamLayout } from "../net/paramLayout.js";

/** Options of {@link trainFloat}. */
export interface TrainFloatOptions {
  /** Step size η > 0. */
  lr: number;
  /** Number of full-batch steps. */
  epochs: number;
  loss: LossKind;
  /** Record the training loss every this many epochs (and at the end); 0 records only the first and last. */
  recordEvery?: number;
  /** Called after each epoch with the parameters (read-only; for trajectories and checks). */
  onEpoch?: (epoch: number, params: Float64Array) => void;
}

/** A float training run. */
export interface TrainFloatRun {
  /** θ after the last epoch (a new array; the input is not modified). */
  params: Float64Array;
  /** [epoch, L(θ_epoch)] pairs, first and last included. */
  losses: [number, number][];
}

/**
 * Full-batch gradient descent θ ← θ − η∇L(θ) in float64 on flat arrays: the
 * fast path for sweeps. The inner loop allocates nothing.
 *
 * @throws InputError when η ≤ 0 or the epoch count is not a non-negative integer
 * @throws ConvergenceError when the loss or a parameter leaves the float range (method `gd`, remedy: a smaller `lr`)
 */
export function trainFloat(params: Float64Array, L: ParamLayout, data: FloatData, options: TrainFloatOptions): TrainFloatRun {
  const { lr, epochs } = options;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new InputError(`invalid learning rate. Must be a positive number. Value: \`${lr}\`.`);
  if (!Number.isSafeInteger(epochs) || epochs < 0)
    throw new InputError(`invalid number of epochs. Must be a non-negative integer. Value: \`${epochs}\`.`);
  const every = options.recordEvery ?? 0;
  const kernel = floatKernel(L, options.loss, data.n);
  const p = Float64Array.from(params);
  const g = new Float64Array(L.size);
  const losses: [number, number][] = [];
  for (let t = 0; t < epochs; t++) {
    const value = kernel.lossAndGradient(p, data, g);
    // One comparison per epoch: an overflowed parameter makes the loss (or the next one) non-finite.
    if (!Number.isFinite(value)) throw overflow(t, "the loss");
    if (t === 0 || (every > 0 && t % every === 0)) losses.push([t, value]);
    for (let q = 0; q < p.length; q++) p[q]! -= lr * g[q]!;
    options.onEpoch?.(t + 1, p);
  }
  const last = kernel.loss(p, data);
  if (!Number.isFinite(last)) throw overflow(epochs, "the loss");
  const q = p.findIndex((v) => !Number.isFinite(v));
  if (q >= 0) throw overflow(epochs, `parameter ${q}`);
  losses.push([epochs, last]);
  return { params: p, losses };
}

function overflow(epoch: number, where: string): ConvergenceError {
  return new ConvergenceError("gd", `epoch ${epoch} (${where})`, "a value left the range of float arithmetic", {
    field: "lr",
    change: "lower",
  });
}
