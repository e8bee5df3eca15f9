import { InputError } from "../../errors.js";
import type { Activation } from "../activation.js";
import type { Layer, LayeredNetwork } from "../layeredNetwork.js";
import { readerBlock } from "../readerBlock.js";

/** What a network read from a file must be, for refusals of the whole network. @internal */
export const LINEAR_CHAIN =
  "a chain of linear or convolutional layers, each a `<module>.weight` and an optional `<module>.bias`, a BatchNorm (or, after a linear layer, a LayerNorm) allowed after each";

/**
 * Checks that consecutive layers fit (layer l reads what layer l − 1 gives: its units, or for a
 * convolution or a flattening linear layer its channels, by `readerBlock`, the one rule of which
 * weights read which unit), biases and batch normalisations as long as their layer, no batch
 * normalisation on the output layer, and at least one hidden layer.
 *
 * @param names - how each layer is called in messages (`layers[2]`, `4.weight`), one per layer
 * @internal
 */
export function chainLayers<T>(
  layers: readonly Layer<T>[],
  names: readonly string[],
  activation: Activation,
  what: string,
  input?: LayeredNetwork<T>["input"],
): LayeredNetwork<T> {
  if (layers.length < 2)
    throw new InputError({
      field: "network",
      expected: "at least two weight layers (one hidden layer)",
      value: what,
      note: `It has ${layers.length} weight layer(s).`,
    });
  let previous: { layer: Layer<T>; name: string } | undefined;
  for (const [i, layer] of layers.entries()) {
    const { W, b, norm } = layer;
    const name = names[i] ?? `layers[${i}]`;
    if (b !== undefined && b.length !== W.length)
      throw new InputError({
        field: `bias of ${name} in \`${what}\``,
        expected: `of length ${W.length}, one entry per row of ${name}`,
        value: `length ${b.length}`,
      });
    if (norm !== undefined && (i === layers.length - 1 || norm.gamma.length !== W.length || norm.beta.length !== W.length))
      throw new InputError({
        field: `${norm.kind === "layer" ? "layer" : "batch"} normalisation of ${name} in \`${what}\``,
        expected:
          i === layers.length - 1
            ? "on a hidden layer (the output layer has no activation to normalise for)"
            : `weights and biases of length ${W.length}, one per ${layer.conv ? "channel" : "unit"} of ${name}`,
        value: `${norm.gamma.length} weights, ${norm.beta.length} biases`,
      });
    const columns = W[0]?.length ?? 0;
    const conv = layer.conv;
    if (conv !== undefined) {
      const size = conv.kernel.reduce((p, k) => p * k, 1);
      const channels = previous === undefined ? columns / size : previous.layer.W.length / conv.groups;
      if (!Number.isInteger(channels) || channels < 1 || channels * size !== columns)
        throw new InputError({
          field: `${name} in \`${what}\``,
          expected: `rows of ${previous === undefined ? "a multiple of " : `${channels} × `}${size} entries, a kernel of ${conv.kernel.join(" × ")} per input channel`,
          value: `rows of ${columns} entries`,
        });
      const dims = previous?.layer.conv?.kernel.length;
      if (dims !== undefined && dims !== conv.kernel.length)
        throw new InputError({
          field: `${name} in \`${what}\``,
          expected: `a ${dims}-D convolution like ${previous?.name} (a chain does not mix Conv1d and Conv2d)`,
          value: `a ${conv.kernel.length}-D kernel`,
        });
    }
    if (previous !== undefined) {
      const below = previous.layer;
      if (below.conv === undefined && layer.conv === undefined) {
        if (columns !== below.W.length)
          throw new InputError({
            field: `${name} in \`${what}\``,
            expected: `a matrix of ${below.W.length} columns, one per unit of ${previous.name}`,
            value: `${columns} columns`,
          });
      } else {
        if (below.conv === undefined)
          throw new InputError({
            field: `${name} in \`${what}\``,
            expected: `a linear layer after the linear layer ${previous.name} (a convolution cannot follow a flattened layer)`,
            value: "a convolution",
          });
        try {
          readerBlock(below, layer, 0);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          throw new InputError({
            field: `${name} in \`${what}\``,
            expected: `${err.data.expected}, to read the ${below.W.length} channels of ${previous.name}`,
            value: `${W.length} × ${columns}${layer.conv ? ` in ${layer.conv.groups} group(s)` : ""}`,
          });
        }
      }
    }
    previous = { layer, name };
  }
  return input === undefined ? { activation, layers } : { activation, layers, input };
}
