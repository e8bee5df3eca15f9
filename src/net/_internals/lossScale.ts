import type { LossKind } from "../loss.js";

/**
 * What the sum of per-element losses over n points of e outputs is divided by, as PyTorch's
 * default `reduction="mean"` does for `nn.MSELoss`: n·e for `mse` (the mean over every
 * element); n for `sse-mean` (the squared error summed over the outputs, averaged over the
 * points) and for `bce` (the cross-entropy summed over the outputs, averaged over the
 * points). For e = 1 all three divide by n.
 *
 * @internal
 */
export function lossCount(kind: LossKind, n: number, e: number): number {
  return kind === "mse" ? n * e : n;
}

/** Whether the loss is a squared error (`mse`, `sse-mean`) rather than the logistic `bce`. @internal */
export function isSquared(kind: LossKind): boolean {
  return kind !== "bce";
}
