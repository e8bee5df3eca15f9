import type { Activation } from "./activation.js";

/**
 * How a convolution's weights act on its input (PyTorch `Conv1d` and `Conv2d`). The layer's W then has
 * one row per output channel, each row the channel's kernel flattened in PyTorch's order
 * [in_channels / groups][k_1][k_2]; b has one entry per output channel.
 */
export interface Convolution {
  /** The kernel size per spatial dimension: one entry for `Conv1d`, two for `Conv2d`. */
  readonly kernel: readonly number[];
  /** Input channels and output channels are split into this many groups; output channel j reads only its group's inputs. */
  readonly groups: number;
  /**
   * Stride and zero padding per spatial dimension. A checkpoint does not store them (the invariants
   * do not need them); the forward pass needs them and refuses a network without them.
   */
  readonly stride?: readonly number[] | undefined;
  readonly padding?: readonly number[] | undefined;
}

/** Max or average pooling over windows of each channel, after the activation; commutes with a positive rescaling of a channel. */
export interface Pooling {
  readonly kind: "max" | "avg";
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
}

/**
 * A normalisation of a layer's pre-activation with an affine γ, β per unit or channel j. Batch
 * normalisation (training mode, the default): γ_j (z_j − mean_j) / √(var_j + ε) + β_j, with mean and
 * (biased) variance over the batch and, for a convolution, over the positions (PyTorch
 * `BatchNorm1d`/`BatchNorm2d`). Layer normalisation (`kind: "layer"`, after a linear layer only):
 * γ_j (z_j − mean(z)) / √(var(z) + ε) + β_j, with mean and biased variance over the units of one
 * sample (PyTorch `LayerNorm(features)`).
 */
export interface BatchNorm<T> {
  /** `layer` for a LayerNorm; absent or `batch` for a BatchNorm. */
  readonly kind?: "batch" | "layer" | undefined;
  readonly gamma: readonly T[];
  readonly beta: readonly T[];
  readonly eps: T;
}

/**
 * One weight layer: W (n_l × n_{l−1}, PyTorch shape) and its bias, absent when the layer has none.
 * A fully connected layer has no `conv`; after a convolution it reads the channels flattened
 * channel-major, as PyTorch's `flatten` gives them, so its columns come in one block per channel.
 */
export interface Layer<T> {
  readonly W: readonly (readonly T[])[];
  readonly b?: readonly T[] | undefined;
  /** Present when the layer is a convolution: how its rows act on the input channels. */
  readonly conv?: Convolution | undefined;
  /** A batch or layer normalisation of this layer's pre-activation, before the activation (hidden layers only). */
  readonly norm?: BatchNorm<T> | undefined;
  /** Pooling after this layer's activation (hidden convolutions only). */
  readonly pool?: Pooling | undefined;
}

/**
 * A network of any depth, f(x) = W_L σ(… σ(W_1 x + b_1) …) + b_L,
 * with one activation on every hidden layer and none on the output: the one
 * in-memory form of a network. A two-layer file (W1, b1, W2, b2) is read as two layers.
 * Convolutions, pooling and batch normalisation are layers of this same form: a unit of a
 * convolutional layer is an output channel.
 */
export interface LayeredNetwork<T> {
  readonly activation: Activation;
  readonly layers: readonly Layer<T>[];
  /**
   * The shape of one input of a network that starts with a convolution: channels, then the size of
   * each spatial dimension. A data row is that tensor flattened channel-major. The forward pass needs it;
   * the invariants do not. Read from a checkpoint, `size` is empty: a state_dict stores the input
   * channels (the first kernel's) but not the spatial size.
   */
  readonly input?: { readonly channels: number; readonly size: readonly number[] } | undefined;
}
