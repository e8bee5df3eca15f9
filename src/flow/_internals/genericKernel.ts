import type { GradientKernel } from "../../net/gradientKernel.js";
import { loss } from "../../net/loss.js";
import type { LossKind } from "../../net/loss.js";
import { lossAndGradient } from "../../net/lossAndGradient.js";
import { packNetwork } from "../../net/packNetwork.js";
import type { ParamLayout } from "../../net/paramLayout.js";
import type { Dataset } from "../../net/readDataset.js";
import { unpackLayers } from "../../net/unpackLayers.js";
import { at } from "../../scalar/at.js";
import type { Scalar } from "../../scalar/scalar.js";

/**
 * @internal The generic back-propagation of `lossAndGradient` and `loss` in
 * `S` as a `GradientKernel` (what `gradientDescent` steps with when it is given
 * no kernel): the rows asked for are gathered into a mini-batch in their order. The batch variances of a
 * network with batch normalisation come along, so a step's ε-corrected drift needs no second pass.
 */
export function genericKernel<T>(L: ParamLayout, kind: LossKind, data: Dataset<T>, S: Scalar<T>): GradientKernel<T> {
  const batch = (rows: readonly number[] | undefined): Dataset<T> =>
    rows === undefined ? data : { X: rows.map((i) => at(data.X, i)), Y: rows.map((i) => at(data.Y, i)) };
  return {
    lossAndGradient(theta, rows) {
      const { loss: value, grad, variances } = lossAndGradient(unpackLayers(theta, L), batch(rows), S, kind);
      return { loss: value, grad: packNetwork(grad), ...(variances === undefined ? {} : { variances }) };
    },
    loss: (theta, rows) => loss(unpackLayers(theta, L), batch(rows), S, kind),
  };
}
