import { gradientDescent } from "../../flow/gradientDescent.js";
import { at } from "../../scalar/at.js";
import type { OptimizerOptions } from "../../flow/optimizerSpec.js";
import { floatKernel } from "../../net/kernels/floatKernel.js";
import type { LossKind } from "../../net/loss.js";
import { packNetwork } from "../../net/packNetwork.js";
import type { ParamLayout } from "../../net/paramLayout.js";
import type { Dataset } from "../../net/readDataset.js";
import { unpackLayers } from "../../net/unpackLayers.js";
import { float } from "../../scalar/float.js";

/** How an experiment trains: step, epochs, loss, optimiser and mini-batches, as `gradientDescent` takes them. */
export interface FloatDescentOptions {
  lr: number;
  epochs: number;
  loss: LossKind;
  optimizer?: OptimizerOptions<number>;
  /** Shuffled mini-batches of this many rows (full batch when omitted). */
  batchSize?: number;
  shuffleSeed?: number;
  /** Record the training loss every this many epochs (and at the end); 0 records only the first and last. */
  recordEvery: number;
}

/** What one float training run did, read off `gradientDescent`'s record. */
export interface FloatDescentRun {
  /** θ after the last step, flat in `ParamLayout` order. */
  params: number[];
  /** [epoch, training loss on all rows] every `recordEvery` epochs, first and last included. */
  curve: [number, number][];
  /** c of every hidden neuron (layer 1 first) at the start and after the last step. */
  c0: number[];
  cT: number[];
  /** Per hidden neuron, max over the steps of |c(t) − c(0)|: gradient descent's drift (the flow has none). */
  maxDrift: number[];
  /** Per neuron of the last hidden layer, 1 if its output weight changed sign at some step, else 0 (scalar output). */
  signChanged: number[];
}

/**
 * @internal One training run of an experiment in float: the library's
 * `gradientDescent` with the float kernel (`floatKernel`) from θ_0 for
 * `epochs` epochs of ⌈n/B⌉ steps, with the output weights' signs watched at
 * every step.
 */
export function floatDescent(
  theta0: ArrayLike<number>,
  L: ParamLayout,
  data: Dataset<number>,
  options: FloatDescentOptions,
): FloatDescentRun {
  const n = data.X.length;
  const perEpoch = options.batchSize === undefined ? 1 : Math.ceil(n / Math.min(options.batchSize, n));
  // The output weights a_k of the last hidden layer's neurons sit at last + k of θ.
  const last = at(L.weightOffset, L.depth - 1);
  const width = at(L.widths, L.depth - 1);
  const sign0 = Array.from({ length: width }, (_, k) => Math.sign(at(theta0, last + k)));
  const signChanged = sign0.map(() => 0);
  const steps = options.epochs * perEpoch;
  // The loss on all the data at the recorded epochs only: with mini-batches each is a pass over every row.
  const lossEvery = options.recordEvery > 0 ? options.recordEvery * perEpoch : Math.max(steps, 1);
  const run = gradientDescent(unpackLayers(theta0, L), data, float, {
    lr: options.lr,
    steps,
    lossEvery,
    loss: options.loss,
    kernel: floatKernel,
    ...(options.optimizer ? { optimizer: options.optimizer } : {}),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.shuffleSeed === undefined ? {} : { shuffleSeed: options.shuffleSeed }),
    onStep: (_t, theta) => {
      for (const [k, s] of sign0.entries()) if (Math.sign(at(theta, last + k)) !== s) signChanged[k] = 1;
    },
  });
  // losses[j] is L at step j·lossEvery (below the last step), then L at the last step.
  const curve = run.losses.map((loss, j): [number, number] => [
    j === run.losses.length - 1 ? options.epochs : (j * lossEvery) / perEpoch,
    loss,
  ]);
  const c0 = at(run.invariants, 0);
  const maxDrift = c0.map((start, k) => run.invariants.reduce((m, row) => Math.max(m, Math.abs(at(row, k) - start)), 0));
  return { params: packNetwork(run.params), curve, c0, cT: run.invariants.at(-1)!, maxDrift, signChanged };
}
