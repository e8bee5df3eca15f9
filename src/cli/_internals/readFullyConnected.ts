import { InputError } from "../../errors.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { readAnyNetworkFile } from "../../net/readAnyNetworkFile.js";

/**
 * Reads the network file of a command that works on fully connected networks only (components,
 * obstruction, gd, flow, …): a network with a convolution or a batch normalisation is refused in
 * one line that says what the command reads and which commands read such a network.
 *
 * @param path - the network file
 * @param command - the command's name, for the message
 * @throws InputError for a convolutional or batch-normalised network (and whatever `readAnyNetworkFile` throws)
 * @internal
 */
export function readFullyConnected(path: string, command: string): LayeredNetwork<string> {
  const net = readAnyNetworkFile(path);
  const conv = net.layers.some((l) => l.conv !== undefined);
  const norm = net.layers.some((l) => l.norm !== undefined);
  if (conv || norm || net.layers.some((l) => l.pool !== undefined))
    throw new InputError({
      field: `network \`${path}\``,
      expected: `a chain of fully connected layers, the networks \`${command}\` reads (invariants, inspect and track read convolutions, BatchNorm and LayerNorm)`,
      value:
        conv && norm
          ? "a convolutional network with BatchNorm"
          : conv
            ? "a convolutional network"
            : net.layers.some((l) => l.norm?.kind === "layer")
              ? "a network with LayerNorm"
              : "a network with BatchNorm",
    });
  return net;
}
