import { InputError } from "../../errors.js";
import type { Activation } from "../activation.js";
import type { DenseLayer, LayeredNetwork } from "../layeredNetwork.js";

/**
 * Checks that consecutive layers fit (layer l reads as many units as layer l − 1 gives,
 * biases as long as their layer) and that there is at least one hidden layer.
 *
 * @param names - how each layer is called in messages (`layers[2]`, `4.weight`)
 * @internal
 */
export function chainLayers<T>(
  layers: readonly DenseLayer<T>[],
  names: readonly string[],
  activation: Activation,
  what: string,
): LayeredNetwork<T> {
  if (layers.length < 2)
    throw new InputError(
      `invalid network \`${what}\`: must have at least two weight layers (one hidden layer). Value: ${layers.length} weight layer(s).`,
    );
  layers.forEach(({ W, b }, i) => {
    if (b !== undefined && b.length !== W.length)
      throw new InputError(
        `invalid network \`${what}\`: the bias of ${names[i]} must have ${W.length} entries. Value: ${b.length} entries.`,
      );
    if (i > 0 && W[0]!.length !== layers[i - 1]!.W.length)
      throw new InputError(
        `invalid network \`${what}\`: ${names[i]} must read the ${layers[i - 1]!.W.length} units of ${names[i - 1]}. Value: ${W[0]!.length} columns.`,
      );
  });
  return { activation, layers };
}
