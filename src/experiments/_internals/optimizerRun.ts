import { floatInvariants } from "../../net/kernels/floatInvariants.js";
import type { FloatData } from "../../net/kernels/floatKernel.js";
import type { LossKind } from "../../net/loss.js";
import type { ParamLayout } from "../../net/paramLayout.js";
import type { OptimizerRunConfig } from "../reproduceConfig.js";
import { trainFloat } from "../trainFloat.js";

/** What one optimiser did to one start: every hidden neuron's c_k before and after, and whether its output weight changed sign. */
export interface TrackedRun {
  params: Float64Array;
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
  p0: Float64Array,
  L: ParamLayout,
  data: FloatData,
  run: OptimizerRunConfig,
  options: { epochs: number; batchSize: number; shuffleSeed: number; loss: LossKind; recordEvery: number },
): TrackedRun {
  const l = L.widths[1]!;
  const W2 = L.weightOffset[1]!;
  const c0 = floatInvariants(p0, L);
  const sign0 = Array.from({ length: l }, (_, k) => Math.sign(p0[W2 + k]!));
  const signChanged = new Array<number>(l).fill(0);
  const result = trainFloat(p0, L, data, {
    lr: run.lr,
    epochs: options.epochs,
    loss: options.loss,
    optimizer: run.optimizer,
    recordEvery: options.recordEvery,
    ...(run.miniBatch ? { batchSize: options.batchSize, shuffleSeed: options.shuffleSeed } : {}),
    onStep: (_t, p) => {
      for (let k = 0; k < l; k++) if (Math.sign(p[W2 + k]!) !== sign0[k]) signChanged[k] = 1;
    },
  });
  return {
    params: result.params,
    c0: Array.from(c0),
    cT: Array.from(floatInvariants(result.params, L)),
    signChanged,
    curve: result.losses,
  };
}
