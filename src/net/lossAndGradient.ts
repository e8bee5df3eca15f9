import type { Scalar } from "../scalar/scalar.js";
import { activationFunctions } from "./activationFunctions.js";
import type { Dataset } from "./readDataset.js";
import { forward } from "./forward.js";
import type { DenseLayer, LayeredNetwork } from "./layeredNetwork.js";
import { toLayered } from "./toLayered.js";
import { isLayered } from "./isLayered.js";
import type { LossKind } from "./loss.js";
import { pointLoss } from "./pointLoss.js";
import { pointLossGradient } from "./pointLossGradient.js";
import { lossCount } from "./_internals/lossScale.js";
import type { Network } from "./network.js";

/** The loss at θ and its gradient, laid out like the network (`grad.W1[k][m]` = ∂L/∂W1[k][m]). */
export interface LossAndGradient<T, N = Network<T>> {
  loss: T;
  grad: N;
}

/**
 * The loss and its analytic gradient by back-propagation through every layer,
 * exact in `exact`. At a kink σ' follows PyTorch: relu 0, leaky_relu its slope, abs 0.
 * A two-layer `Network` gets its gradient as a `Network`, a `LayeredNetwork` as one.
 *
 * @throws InputError for bce in exact arithmetic
 * @example lossAndGradient(networkIn(readNetwork('{"W1": [[1]], "W2": [[2]]}'), exact), datasetIn(readDataset("x,y\n1,0\n", 1, 1), exact), exact, "mse").grad.W1.map((r) => r.map(exact.toString)) // returns [["8"]]
 */
export function lossAndGradient<T>(net: Network<T>, data: Dataset<T>, S: Scalar<T>, kind: LossKind): LossAndGradient<T>;
export function lossAndGradient<T>(
  net: LayeredNetwork<T>,
  data: Dataset<T>,
  S: Scalar<T>,
  kind: LossKind,
): LossAndGradient<T, LayeredNetwork<T>>;
export function lossAndGradient<T>(
  net: Network<T> | LayeredNetwork<T>,
  data: Dataset<T>,
  S: Scalar<T>,
  kind: LossKind,
): LossAndGradient<T, Network<T> | LayeredNetwork<T>> {
  const layered = isLayered(net) ? net : toLayered(net);
  const { loss, grad } = layeredLossAndGradient(layered, data, S, kind);
  if (isLayered(net)) return { loss, grad };
  const [g1, g2] = grad.layers;
  return { loss, grad: { activation: net.activation, W1: g1!.W, b1: g1!.b, W2: g2!.W, b2: g2!.b } };
}

function layeredLossAndGradient<T>(
  net: LayeredNetwork<T>,
  data: Dataset<T>,
  S: Scalar<T>,
  kind: LossKind,
): LossAndGradient<T, LayeredNetwork<T>> {
  const { slopeAt } = activationFunctions(net.activation, S);
  const { preActivations, inputs, F } = forward(net, data.X, S);
  const { layers } = net;
  const depth = layers.length;
  const n = data.X.length;
  const invN = S.div(S.one, S.fromInt(lossCount(kind, n, layers[depth - 1]!.W.length)));
  const zeros = (len: number): T[] => new Array<T>(len).fill(S.zero);
  const gW = layers.map(({ W }) => W.map((row) => zeros(row.length)));
  const gb = layers.map(({ W }) => zeros(W.length));
  let total = S.zero;
  for (let i = 0; i < n; i++) {
    total = S.add(total, pointLoss(S, kind, F[i]!, data.Y[i]!));
    // dL/dz of the output layer: dL/df_i, with the 1/n (mse: 1/(n·e)) of the mean folded in.
    let delta: T[] = pointLossGradient(S, kind, F[i]!, data.Y[i]!).map((v) => S.mul(v, invN));
    for (let l = depth - 1; l >= 0; l--) {
      const a = inputs[l]![i]!;
      const gWl = gW[l]!;
      const gbl = gb[l]!;
      for (let r = 0; r < delta.length; r++) {
        const dr = delta[r]!;
        // A hidden unit with δ = 0 adds nothing (skipped so that float sums keep the sign of their zeros).
        if (l < depth - 1 && S.sign(dr) === 0) continue;
        gbl[r] = S.add(gbl[r]!, dr);
        const row = gWl[r]!;
        for (let c = 0; c < a.length; c++) row[c] = S.add(row[c]!, S.mul(dr, a[c]!));
      }
      if (l === 0) break;
      const W = layers[l]!.W;
      const z = preActivations[l - 1]![i]!;
      const below: T[] = [];
      for (let c = 0; c < z.length; c++) {
        let back = S.zero;
        for (let r = 0; r < delta.length; r++) back = S.add(back, S.mul(W[r]![c]!, delta[r]!));
        below.push(S.mul(back, slopeAt(z[c]!)));
      }
      delta = below;
    }
  }
  const gradLayers: DenseLayer<T>[] = layers.map((layer, l) => ({ W: gW[l]!, b: layer.b ? gb[l]! : undefined }));
  return { loss: S.mul(total, invN), grad: { activation: net.activation, layers: gradLayers } };
}
