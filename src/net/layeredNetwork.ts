import type { Activation } from "./activation.js";

/** One weight layer: W (n_l × n_{l−1}, PyTorch shape) and its bias, absent when the layer has none. */
export interface DenseLayer<T> {
  readonly W: readonly (readonly T[])[];
  readonly b?: readonly T[] | undefined;
}

/**
 * A fully connected network of any depth, f(x) = W_L σ(… σ(W_1 x + b_1) …) + b_L,
 * with one activation on every hidden layer and none on the output: the one
 * in-memory form of a network. A two-layer file (W1, b1, W2, b2) is read as two layers.
 */
export interface LayeredNetwork<T> {
  readonly activation: Activation;
  readonly layers: readonly DenseLayer<T>[];
}
