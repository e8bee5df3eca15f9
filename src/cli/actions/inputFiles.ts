import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { readFullyConnected } from "../_internals/readFullyConnected.js";
import { InputError } from "../../errors.js";

/**
 * Reads and validates a network file with one hidden layer: the two-layer JSON form, or any
 * other form (layers, state_dict, safetensors) when it has exactly two weight layers.
 */
export function readNetworkFile(path: string, command: string): LayeredNetwork<string> {
  const net = readFullyConnected(path, command);
  if (net.layers.length !== 2)
    throw new InputError({
      field: `network \`${path}\``,
      expected: "a network this command can read: it needs one hidden layer (two weight layers)",
      value: `${net.layers.length} weight layers`,
    });
  return net;
}
