import { at } from "../scalar/at.js";
import type { Scalar } from "../scalar/scalar.js";
import type { Dataset } from "./readDataset.js";
import { forward } from "./forward.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { pointLoss } from "./pointLoss.js";
import { lossCount } from "./_internals/lossScale.js";

/**
 * `mse`: (1/(n·e)) Σ_i ‖f(x_i) − y_i‖², the mean over all n·e elements, as PyTorch's
 * `nn.MSELoss()`; `sse-mean`: (1/n) Σ_i ‖f(x_i) − y_i‖², the squared error summed over the
 * e outputs and averaged over the points (the paper's convention; the same as `mse` for e = 1);
 * `bce`: (1/n) Σ_i Σ_j binary cross-entropy of the logit f_j(x_i) against y_ij.
 */
export type LossKind = "mse" | "sse-mean" | "bce";

/**
 * L(θ) = (1/N) Σ_i ℓ(f(x_i; θ), y_i), for a network of any depth, N = n·e for `mse` and n otherwise.
 *
 * @throws InputError for bce in exact arithmetic (it needs exp and log)
 *
 * @example const net = networkIn(readNetwork('{"W1": [[2]], "W2": [[3]]}'), exact);
 * exact.toString(loss(net, datasetIn(readDataset("x,y\n1,5\n", 1, 1), exact), exact, "mse")) // returns "1" (f(1) = 3·relu(2) = 6)
 */
export function loss<T>(net: LayeredNetwork<T>, data: Dataset<T>, S: Scalar<T>, kind: LossKind): T {
  const { F } = forward(net, data.X, S);
  let s = S.zero;
  F.forEach((f, i) => {
    s = S.add(s, pointLoss(S, kind, f, at(data.Y, i)));
  });
  return S.div(s, S.fromInt(lossCount(kind, data.X.length, data.Y[0]?.length ?? 1)));
}
