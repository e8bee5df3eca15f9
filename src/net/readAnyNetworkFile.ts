import type { LayeredNetwork } from "./layeredNetwork.js";
import type { Network } from "./network.js";
import type { NetworkReadOptions } from "./networkReadOptions.js";
import { networkReadOptions } from "./networkReadOptions.js";
import { openNetworkFile } from "./openNetworkFile.js";

/**
 * Reads a network file of any form: safetensors, a PyTorch `torch.save` file of a state_dict or
 * checkpoint dict, or JSON in one of the forms of `readAnyNetwork` (see `openNetworkFile`,
 * which also says where the activation comes from).
 *
 * @param path - the file
 * @param options - activation, checkpoint key and layer names (default: the command line's)
 * @returns a {@link Network} for the two-layer JSON form, a {@link LayeredNetwork} otherwise
 * @throws PathError when the file cannot be read; InputError when it is not a network
 * @example readAnyNetworkFile("examples/deep.safetensors").layers.length // returns 3
 */
export function readAnyNetworkFile(
  path: string,
  options: NetworkReadOptions = networkReadOptions(),
): Network<string> | LayeredNetwork<string> {
  return openNetworkFile(path, options).net;
}
