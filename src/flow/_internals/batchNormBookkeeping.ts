import { batchNormLaws } from "../../invariants/batchNormLaws.js";
import { predictedBatchNormDrift } from "../../invariants/predictedBatchNormDrift.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import type { LossAndGradient } from "../../net/lossAndGradient.js";
import type { Scalar } from "../../scalar/scalar.js";

/** The laws of one step's batch-normalised channels, in the order of `batchNormLaws` (layer 1 first, then channel). */
export interface BatchNormStepLaws<T> {
  /** ‖K_j‖² of the kernel (row) feeding each channel. */
  readonly kernel: T[];
  /** The bias b_j before each channel, 0 where the layer has none. */
  readonly bias: T[];
}

/**
 * @internal The per-channel laws of a network's batch normalisations at θ, read by `batchNormLaws`, flattened.
 */
export function batchNormStepLaws<T>(net: LayeredNetwork<T>, S: Scalar<T>): BatchNormStepLaws<T> {
  const laws = batchNormLaws(net, S);
  return {
    kernel: laws.flatMap((l) => l.kernel),
    bias: laws.flatMap((l) => l.bias ?? l.kernel.map(() => S.zero)),
  };
}

/**
 * @internal The predicted Δ‖K_j‖² of one SGD step without momentum (weight decay λ, 0 for none) from the step's
 * own gradient: `predictedBatchNormDrift` reads ∂L/∂γ and the batch's variances from the one back-propagation
 * of the step, which `gradient` carries.
 */
export function predictedKernelDrift<T>(net: LayeredNetwork<T>, gradient: LossAndGradient<T>, lr: T, S: Scalar<T>, weightDecay: T): T[] {
  return predictedBatchNormDrift(net, gradient, lr, S, weightDecay).map((d) => d.kernel);
}
