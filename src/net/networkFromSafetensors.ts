import { parseActivation } from "./parseActivation.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { layersFromStateDict } from "./layersFromStateDict.js";
import { readSafetensors } from "./readSafetensors.js";
import { refuseNameSortedOrder } from "./_internals/refuseNameSortedOrder.js";

/**
 * The network a safetensors file of a PyTorch `nn.Sequential` `state_dict` holds
 * (`save_file(model.state_dict(), "model.safetensors")`), every weight the exact rational its float is.
 * The activation is read from the `__metadata__` entry `activation` when the file has one, else `relu`.
 *
 * @param bytes - the whole file
 * @param what - the file name, for messages
 * @throws InputError for a malformed file (see {@link readSafetensors}), tensors that are no `nn.Sequential` of linear layers,
 *   or named modules whose tensors the file lists by name (their order lost)
 * @example networkFromSafetensors(readBinaryFile("examples/deep.safetensors"), "deep").layers.length // returns 3
 */
export function networkFromSafetensors(bytes: Uint8Array, what: string): LayeredNetwork<string> {
  const { tensors, metadata } = readSafetensors(bytes, what);
  refuseNameSortedOrder(tensors, what);
  const activation = parseActivation(metadata.activation ?? "relu", `activation in \`${what}\``);
  return layersFromStateDict(
    tensors.map((t) => [t.name, t] as const),
    activation,
    what,
  );
}
