import { stateDictChain } from "./_internals/stateDictChain.js";
import type { Activation } from "./activation.js";
import type { LayeredNetwork } from "./layeredNetwork.js";

/** One tensor of a `state_dict`: its shape and its entries in row-major order, as exact text. */
export interface StateDictTensor<T = string> {
  readonly shape: readonly number[];
  readonly values: readonly T[];
}

/** PyTorch's default ε of BatchNorm1d/2d, 1e-5, exactly: a state_dict does not store it. */
const DEFAULT_EPS = "1/100000";

/**
 * The layered network of a PyTorch `state_dict` of linear and convolutional layers, whatever the
 * module names: each module's `<name>.weight` and optional `<name>.bias` form one layer, taken in
 * the order the state_dict lists their modules (`nn.Sequential`'s `0.weight`, `2.weight` in index
 * order, a module's `fc1`, `fc2`, `features.0`, `classifier.1`, any `module.` prefix), or in the
 * order `layers` names them (BatchNorm modules included), which also picks a sub-chain.
 * - A 2-D weight [out, in] is a linear layer; it reads the units of a linear layer below
 *   (in = out below) or the flattened channels of a convolution below (in a multiple of its channels).
 * - A 3-D (Conv1d [out, in / g, k]) or 4-D (Conv2d [out, in / g, kh, kw]) weight is a convolution,
 *   each row of W one output channel's kernel flattened; its groups g are what the shapes say,
 *   channels below / (in / g), which must divide both channel counts. The first convolution's input
 *   channels become `input.channels` (groups 1; the spatial size, `input.size`, is left empty: a
 *   checkpoint does not store it). A convolution never follows a linear layer, nor mixes 1-D and 2-D.
 * - A BatchNorm module (`weight`, `bias`, `running_mean`, `running_var`, `num_batches_tracked`)
 *   right after a layer becomes that layer's `norm` { gamma, beta, eps }: the running statistics are
 *   read and set aside (the laws are those of training mode) and ε, not stored, is `eps`.
 * - A module of a 1-D weight and bias without running statistics right after a linear layer is a
 *   `LayerNorm(features)`: that layer's `norm` { kind: "layer", gamma, beta, eps }.
 *
 * @param entries - the tensors by name, in the state_dict's order
 * @param activation - the activation of every hidden layer (a state_dict does not record it)
 * @param what - the file name, for messages
 * @param layers - the module names of the chain, in order (default: every module, in state_dict order)
 * @param eps - the ε of every BatchNorm and LayerNorm (default PyTorch's 1e-5 as the exact text `1/100000`; pass it when T is not text)
 * @throws InputError, one line, for a key that is no layer's or BatchNorm's parameter, a normalisation layer relutopo
 *   cannot read (a LayerNorm over more than one dimension or without bias, a GroupNorm or InstanceNorm after a
 *   convolution, a BatchNorm without affine), two module names that differ
 *   only by leading zeros (`0` and `00`), a weight that is neither a matrix nor a 3-D or 4-D kernel, a bias that is not
 *   a vector, a bias without weight, a module `layers` names that is absent, or layers that do not chain (naming the two and why)
 * @example layersFromStateDict([["fc1.weight", { shape: [1, 1], values: ["2"] }], ["fc2.weight", { shape: [1, 1], values: ["3"] }]], { kind: "relu" }, "net").layers[1] // returns { W: [["3"]], b: undefined }
 */
export function layersFromStateDict<T = string>(
  entries: readonly (readonly [string, StateDictTensor<T>])[],
  activation: Activation,
  what: string,
  layers?: readonly string[],
  eps: T = DEFAULT_EPS as T,
): LayeredNetwork<T> {
  return stateDictChain(entries, activation, what, eps, layers).net;
}
