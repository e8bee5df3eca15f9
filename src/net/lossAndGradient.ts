import { at } from "../scalar/at.js";
import type { Scalar } from "../scalar/scalar.js";
import { activationFunctions } from "./activationFunctions.js";
import type { Dataset } from "./readDataset.js";
import { forward } from "./forward.js";
import type { Layer, LayeredNetwork } from "./layeredNetwork.js";
import type { LossKind } from "./loss.js";
import { pointLoss } from "./pointLoss.js";
import { pointLossGradient } from "./pointLossGradient.js";
import { lossCount } from "./_internals/lossScale.js";

/** The loss at θ and its gradient, laid out like the network (`grad.layers[l].W[r][c]` = ∂L/∂W_{l+1}[r][c]). */
export interface LossAndGradient<T> {
  loss: T;
  grad: LayeredNetwork<T>;
}

/**
 * The loss and its analytic gradient by back-propagation through every layer,
 * exact in `exact`. At a kink σ' is σ'(0) of the activation's `slopeTable` (PyTorch).
 * The gradient has the network's layers.
 *
 * @throws InputError for bce in exact arithmetic
 * @example lossAndGradient(networkIn(readNetwork('{"W1": [[1]], "W2": [[2]]}'), exact), datasetIn(readDataset("x,y\n1,0\n", 1, 1), exact), exact, "mse").grad.layers[0].W.map((r) => r.map(exact.toString)) // returns [["8"]]
 */
export function lossAndGradient<T>(net: LayeredNetwork<T>, data: Dataset<T>, S: Scalar<T>, kind: LossKind): LossAndGradient<T> {
  const { slopeAt } = activationFunctions(net.activation, S);
  const { preActivations, inputs, F } = forward(net, data.X, S);
  const { layers } = net;
  const invN = S.div(S.one, S.fromInt(lossCount(kind, data.X.length, at(layers, layers.length - 1).W.length)));
  const zeros = (len: number): T[] => new Array<T>(len).fill(S.zero);
  // One record per layer: its weights, its gradient so far, and per data point its input and
  // the pre-activation of the layer beneath (none for the first), walked from the output down.
  const grads = layers.map(({ W, b }, l) => ({
    W,
    gW: W.map((row) => zeros(row.length)),
    gb: zeros(W.length),
    hasBias: b !== undefined,
    inputs: at(inputs, l),
    beneath: l > 0 ? at(preActivations, l - 1) : undefined,
  }));
  const downward = [...grads].reverse();
  let total = S.zero;
  for (const [i, f] of F.entries()) {
    const y = at(data.Y, i);
    total = S.add(total, pointLoss(S, kind, f, y));
    // dL/dz of the output layer: dL/df_i, with the 1/n (mse: 1/(n·e)) of the mean folded in.
    let delta: T[] = pointLossGradient(S, kind, f, y).map((v) => S.mul(v, invN));
    for (const [k, g] of downward.entries()) {
      const a = at(g.inputs, i);
      // (Wᵀδ)_c for the layer beneath, summed over rows r in order; none below the first layer.
      const back = g.beneath === undefined ? undefined : zeros(a.length);
      for (const [r, dr] of delta.entries()) {
        // A hidden unit (k > 0) with δ = 0 adds nothing (skipped so that float sums keep the sign of their zeros).
        if (k === 0 || S.sign(dr) !== 0) {
          g.gb[r] = S.add(at(g.gb, r), dr);
          const row = at(g.gW, r);
          // row, a and back have the width of layer l's input: c < a.length bounds all three (hot: plain indexing).
          for (let c = 0; c < a.length; c++) row[c] = S.add(row[c]!, S.mul(dr, a[c]!));
        }
        if (back === undefined) continue;
        const w = at(g.W, r);
        for (let c = 0; c < a.length; c++) back[c] = S.add(back[c]!, S.mul(w[c]!, dr));
      }
      if (g.beneath === undefined || back === undefined) break;
      delta = at(g.beneath, i).map((zc, c) => S.mul(at(back, c), slopeAt(zc)));
    }
  }
  const gradLayers: Layer<T>[] = grads.map((g) => ({ W: g.gW, b: g.hasBias ? g.gb : undefined }));
  return { loss: S.mul(total, invN), grad: { activation: net.activation, layers: gradLayers } };
}
