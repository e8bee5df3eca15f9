import type { Activation } from "./activation.js";
import type { Network } from "./network.js";

/** One weight layer: W (n_l × n_{l−1}, PyTorch shape) and its bias, absent when the layer has none. */
export interface DenseLayer<T> {
  readonly W: readonly (readonly T[])[];
  readonly b?: readonly T[] | undefined;
}

/**
 * A fully connected network of any depth, f(x) = W_L σ(… σ(W_1 x + b_1) …) + b_L,
 * with one activation on every hidden layer and none on the output.
 * The two-layer {@link Network} is the case of two layers.
 */
export interface LayeredNetwork<T> {
  readonly activation: Activation;
  readonly layers: readonly DenseLayer<T>[];
}

/** True for a depth-agnostic network, false for the two-layer `Network` form. */
export function isLayered<T>(net: Network<T> | LayeredNetwork<T>): net is LayeredNetwork<T> {
  return (net as LayeredNetwork<T>).layers !== undefined;
}

/**
 * The layers of a two-layer network: `[{ W: W1, b: b1 }, { W: W2, b: b2 }]` (the arrays are shared, not copied).
 *
 * @example toLayered({ activation: { kind: "relu" }, W1: [[1]], W2: [[2]] }).layers.length // returns 2
 */
export function toLayered<T>(net: Network<T>): LayeredNetwork<T> {
  return {
    activation: net.activation,
    layers: [
      { W: net.W1, b: net.b1 },
      { W: net.W2, b: net.b2 },
    ],
  };
}
