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
import { convolveAdjoint } from "./_internals/convolve.js";
import { denseAdjoint } from "./_internals/denseAdjoint.js";
import { poolAdjoint } from "./_internals/pool.js";

/** The loss at θ and its gradient, laid out like the network (`grad.layers[l].W[r][c]` = ∂L/∂W_{l+1}[r][c]). */
export interface LossAndGradient<T> {
  loss: T;
  grad: LayeredNetwork<T>;
}

/**
 * The loss and its analytic gradient by back-propagation through every layer,
 * exact in `exact`. At a kink σ' is σ'(0) of the activation's `slopeTable` (PyTorch).
 * The gradient has the network's layers: for a convolution, W's rows are the output channels,
 * so `grad.layers[l].W` is the kernel gradient. Max pooling sends each window's gradient to the
 * entry it took (the first largest, as PyTorch), average pooling spreads it evenly.
 *
 * @throws InputError for bce in exact arithmetic, or a network with convolutions the forward pass refuses
 * @example lossAndGradient(networkIn(readNetwork('{"W1": [[1]], "W2": [[2]]}'), exact), datasetIn(readDataset("x,y\n1,0\n", 1, 1), exact), exact, "mse").grad.layers[0].W.map((r) => r.map(exact.toString)) // returns [["8"]]
 */
export function lossAndGradient<T>(net: LayeredNetwork<T>, data: Dataset<T>, S: Scalar<T>, kind: LossKind): LossAndGradient<T> {
  const { slopeAt } = activationFunctions(net.activation, S);
  const { preActivations, inputs, F, shapes, switches } = forward(net, data.X, S);
  const { layers } = net;
  const invN = S.div(S.one, S.fromInt(lossCount(kind, data.X.length, at(layers, layers.length - 1).W.length)));
  const zeros = (len: number): T[] => new Array<T>(len).fill(S.zero);
  const gW = layers.map(({ W }) => W.map((row) => zeros(row.length)));
  const gb = layers.map(({ W }) => zeros(W.length));
  let total = S.zero;
  // dL/dz of the output layer per data point: dL/df_i, with the 1/n (mse: 1/(n·e)) of the mean folded in.
  let deltas: T[][] = F.map((f, i) => {
    const y = at(data.Y, i);
    total = S.add(total, pointLoss(S, kind, f, y));
    return pointLossGradient(S, kind, f, y).map((v) => S.mul(v, invN));
  });
  // Layer by layer from the output down, every data point at each layer (each gradient entry sums
  // its points in data order): the layer's adjoint, then the pooling and σ' of the layer beneath.
  for (let l = layers.length - 1; l >= 0; l--) {
    const { W } = at(layers, l);
    const a = at(inputs, l);
    const conv = shapes?.[l]?.conv;
    const below = l > 0;
    const backs = deltas.map((delta, i) =>
      conv
        ? convolveAdjoint(S, conv, W, at(a, i), delta, at(gW, l), at(gb, l), below)
        : denseAdjoint(S, W, at(a, i), delta, at(gW, l), at(gb, l), below, l === layers.length - 1),
    );
    if (!below) break;
    const pooling = shapes?.[l - 1]?.pool;
    const chosen = switches?.[l - 1];
    const z = at(preActivations, l - 1);
    deltas = backs.map((back, i) => {
      // back exists for every layer above the first
      const dh = pooling === undefined ? (back as T[]) : poolAdjoint(S, pooling, back as T[], chosen?.[i]);
      return at(z, i).map((zc, c) => S.mul(at(dh, c), slopeAt(zc)));
    });
  }
  const gradLayers: Layer<T>[] = layers.map((layer, l) => ({
    W: at(gW, l),
    b: layer.b === undefined ? undefined : at(gb, l),
    ...(layer.conv === undefined ? {} : { conv: layer.conv }),
    ...(layer.pool === undefined ? {} : { pool: layer.pool }),
  }));
  return {
    loss: S.mul(total, invN),
    grad: { activation: net.activation, layers: gradLayers, ...(net.input === undefined ? {} : { input: net.input }) },
  };
}
