import type { LossKind } from "../../net/loss.js";
import type { ParamLayout } from "../../net/paramLayout.js";
import type { Dataset } from "../../net/readDataset.js";
import type { OptimizerRunConfig } from "../reproduceConfig.js";
import { floatDescent } from "./floatDescent.js";

/** What one optimiser did to one start: every hidden neuron's c_k before and after, and whether its output weight changed sign. */
export interface TrackedRun {
  params: number[];
  /** c_k at the start and after the last step. */
  c0: number[];
  cT: number[];
  /** 1 for the neurons whose output weight changed sign at some step, else 0. */
  signChanged: number[];
  /** [epoch, training loss] pairs. */
  curve: [number, number][];
}

/**
 * @internal Trains a two-layer network with a scalar output by one optimiser
 * of the comparison (full batch, or shuffled mini-batches of `batchSize` with
 * `shuffleSeed`), checking the sign of every output weight after each step.
 */
export function optimizerRun(
  p0: ArrayLike<number>,
  L: ParamLayout,
  data: Dataset<number>,
  run: OptimizerRunConfig,
  options: { epochs: number; batchSize: number; shuffleSeed: number; loss: LossKind; recordEvery: number },
): TrackedRun {
  const result = floatDescent(p0, L, data, {
    lr: run.lr,
    epochs: options.epochs,
    loss: options.loss,
    optimizer: run.optimizer,
    recordEvery: options.recordEvery,
    ...(run.miniBatch ? { batchSize: options.batchSize, shuffleSeed: options.shuffleSeed } : {}),
  });
  return { params: result.params, c0: result.c0, cT: result.cT, signChanged: result.signChanged, curve: result.curve };
}
