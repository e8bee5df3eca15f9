import { InputError } from "../../errors.js";
import type { Activation } from "../activation.js";
import type { Layer, LayeredNetwork } from "../layeredNetwork.js";

/** What a network read from a file must be, for refusals of the whole network. @internal */
export const LINEAR_CHAIN = "a chain of linear layers, each a `<module>.weight` and an optional `<module>.bias`";

/**
 * Checks that consecutive layers fit (layer l reads as many units as layer l − 1 gives,
 * biases as long as their layer) and that there is at least one hidden layer.
 *
 * @param names - how each layer is called in messages (`layers[2]`, `4.weight`), one per layer
 * @internal
 */
export function chainLayers<T>(
  layers: readonly Layer<T>[],
  names: readonly string[],
  activation: Activation,
  what: string,
): LayeredNetwork<T> {
  if (layers.length < 2)
    throw new InputError({
      field: "network",
      expected: "at least two weight layers (one hidden layer)",
      value: what,
      note: `It has ${layers.length} weight layer(s).`,
    });
  let previous: { units: number; name: string } | undefined;
  for (const [i, { W, b }] of layers.entries()) {
    const name = names[i] ?? `layers[${i}]`;
    if (b !== undefined && b.length !== W.length)
      throw new InputError({
        field: `bias of ${name} in \`${what}\``,
        expected: `of length ${W.length}, one entry per row of ${name}`,
        value: `length ${b.length}`,
      });
    const columns = W[0]?.length ?? 0;
    if (previous !== undefined && columns !== previous.units)
      throw new InputError({
        field: `${name} in \`${what}\``,
        expected: `a matrix of ${previous.units} columns, one per unit of ${previous.name}`,
        value: `${columns} columns`,
      });
    previous = { units: W.length, name };
  }
  return { activation, layers };
}
