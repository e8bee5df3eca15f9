import { ConvergenceError, InputError } from "../errors.js";
import { miniBatchRows, type MiniBatchOptions } from "../flow/miniBatchRows.js";
import { optimizerSpec, type OptimizerOptions, type OptimizerSpec } from "../flow/optimizerSpec.js";
import type { LossKind } from "../net/loss.js";
import { floatKernel, type FloatData, type FloatKernel } from "../net/kernels/floatKernel.js";
import type { ParamLayout } from "../net/paramLayout.js";
import { float } from "../scalar/float.js";
import { floatStepper } from "./_internals/floatStepper.js";

/** Options of {@link trainFloat}. */
export interface TrainFloatOptions extends MiniBatchOptions {
  /** Step size η > 0. */
  lr: number;
  /** Number of epochs (passes over the data); an epoch is ⌈n/B⌉ optimiser steps with batch size B (one step for full batches). */
  epochs: number;
  loss: LossKind;
  /** The optimiser and its hyper-parameters, as `gradientDescent` takes them (default: plain gradient descent). */
  optimizer?: OptimizerOptions<number>;
  /** Record the training loss every this many epochs (and at the end); 0 records only the first and last. */
  recordEvery?: number;
  /** Called after each epoch with the parameters (read-only; for trajectories and checks). */
  onEpoch?: (epoch: number, params: Float64Array) => void;
  /** Called after each optimiser step (1-based) with the parameters (read-only). */
  onStep?: (step: number, params: Float64Array) => void;
}

/** A float training run. */
export interface TrainFloatRun {
  /** θ after the last epoch (a new array; the input is not modified). */
  params: Float64Array;
  /** [epoch, L(θ_epoch)] pairs on all the data, first and last included. */
  losses: [number, number][];
  /** The optimiser with every hyper-parameter filled in. */
  optimizer: OptimizerSpec<number>;
}

/**
 * Gradient descent in float64 on flat arrays: the fast path for sweeps. By
 * default full-batch θ ← θ − η∇L(θ); with an optimiser, batch size and shuffle
 * seed it takes the steps of the library's `gradientDescent` (`torch.optim.SGD`
 * with momentum, dampening, Nesterov and weight decay, Adam, AdamW; the
 * mini-batches of `miniBatchRows`), the same float operations in the same
 * order. The inner loop allocates nothing but the shuffled batches' rows.
 *
 * @throws InputError when η ≤ 0, the epoch count is not a non-negative integer, or the optimiser, batch size or seed is invalid (as `gradientDescent` says)
 * @throws ConvergenceError when the loss or a parameter leaves the float range (method `gd`, remedy: a smaller `lr`)
 */
export function trainFloat(params: Float64Array, L: ParamLayout, data: FloatData, options: TrainFloatOptions): TrainFloatRun {
  const { lr, epochs } = options;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new InputError(`invalid learning rate. Must be a positive number. Value: \`${lr}\`.`);
  if (!Number.isSafeInteger(epochs) || epochs < 0)
    throw new InputError(`invalid number of epochs. Must be a non-negative integer. Value: \`${epochs}\`.`);
  const optimizer = optimizerSpec(float, options.optimizer);
  const n = data.n;
  miniBatchRows(n, 0, options);
  const every = options.recordEvery ?? 0;
  const kernel = floatKernel(L, options.loss, n);
  const p = Float64Array.from(params);
  const g = new Float64Array(L.size);
  const losses: [number, number][] = [];
  const recorded = (t: number): boolean => t === 0 || (every > 0 && t % every === 0);
  const plain = optimizer.name === "sgd" && optimizer.momentum === 0 && optimizer.weightDecay === 0;
  const step = plain ? undefined : floatStepper(optimizer, lr, L.size);
  const fullBatch = (options.batchSize ?? n) >= n && options.shuffleSeed === undefined;
  if (fullBatch) {
    for (let t = 0; t < epochs; t++) {
      const value = kernel.lossAndGradient(p, data, g);
      // One comparison per epoch: an overflowed parameter makes the loss (or the next one) non-finite.
      if (!Number.isFinite(value)) throw overflow(t, "the loss");
      if (recorded(t)) losses.push([t, value]);
      if (step) step(p, g);
      else for (let q = 0; q < p.length; q++) p[q]! -= lr * g[q]!;
      options.onStep?.(t + 1, p);
      options.onEpoch?.(t + 1, p);
    }
  } else {
    const size = Math.min(options.batchSize ?? n, n);
    const perEpoch = Math.ceil(n / size);
    const kernels = new Map<number, FloatKernel>();
    const kernelFor = (rows: number): FloatKernel => {
      let k = kernels.get(rows);
      if (k === undefined) {
        k = rows === n ? kernel : floatKernel(L, options.loss, rows);
        kernels.set(rows, k);
      }
      return k;
    };
    // Without shuffling the batches are the same every epoch: cut them once.
    const fixed =
      options.shuffleSeed === undefined
        ? Array.from({ length: perEpoch }, (_, j) => gather(data, miniBatchRows(n, j, options)))
        : undefined;
    let s = 0;
    for (let t = 0; t < epochs; t++) {
      if (recorded(t)) {
        const value = kernel.loss(p, data);
        if (!Number.isFinite(value)) throw overflow(t, "the loss");
        losses.push([t, value]);
      }
      // The epoch's order, as miniBatchRows draws it: with B = n its step t is epoch t's whole permutation.
      const order = fixed ? undefined : miniBatchRows(n, t, { batchSize: n, shuffleSeed: options.shuffleSeed });
      for (let j = 0; j < perEpoch; j++) {
        // A new array per shuffled batch: the kernel copies its rows in when it sees a new array.
        const batch = fixed ? fixed[j]! : gather(data, order!.slice(j * size, Math.min((j + 1) * size, n)));
        const value = kernelFor(batch.n).lossAndGradient(p, batch, g);
        if (!Number.isFinite(value)) throw overflow(t, "the loss");
        if (step) step(p, g);
        else for (let q = 0; q < p.length; q++) p[q]! -= lr * g[q]!;
        options.onStep?.(++s, p);
      }
      options.onEpoch?.(t + 1, p);
    }
  }
  const last = kernel.loss(p, data);
  if (!Number.isFinite(last)) throw overflow(epochs, "the loss");
  const q = p.findIndex((v) => !Number.isFinite(v));
  if (q >= 0) throw overflow(epochs, `parameter ${q}`);
  losses.push([epochs, last]);
  return { params: p, losses, optimizer };
}

/** The rows of a batch as a data set of their own. */
function gather(data: FloatData, rows: readonly number[]): FloatData {
  const d = data.X.length / data.n;
  const e = data.Y.length / data.n;
  const X = new Float64Array(rows.length * d);
  const Y = new Float64Array(rows.length * e);
  rows.forEach((i, r) => {
    X.set(data.X.subarray(i * d, (i + 1) * d), r * d);
    Y.set(data.Y.subarray(i * e, (i + 1) * e), r * e);
  });
  return { n: rows.length, X, Y };
}

function overflow(epoch: number, where: string): ConvergenceError {
  return new ConvergenceError("gd", `epoch ${epoch} (${where})`, "a value left the range of float arithmetic", {
    field: "lr",
    change: "lower",
  });
}
