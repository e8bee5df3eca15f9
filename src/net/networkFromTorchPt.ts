import { parseActivation } from "./parseActivation.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { layersFromStateDict } from "./layersFromStateDict.js";
import { readTorchPt } from "./readTorchPt.js";

/**
 * The network a PyTorch `.pt` file of an `nn.Sequential` `state_dict` holds
 * (`torch.save(model.state_dict(), "model.pt")`), every weight the exact rational its float is.
 * A state_dict does not record the activation: it is `relu` (save a safetensors file with
 * `metadata={"activation": …}`, or JSON, for another).
 *
 * @param bytes - the whole file
 * @param what - the file name, for messages
 * @throws InputError for a malformed or hostile file (see {@link readTorchPt}) or tensors that are no `nn.Sequential` of linear layers
 * @example networkFromTorchPt(readBinaryFile("examples/deep.pt"), "deep.pt").layers.length // returns 3
 */
export function networkFromTorchPt(bytes: Uint8Array, what: string): LayeredNetwork<string> {
  return layersFromStateDict(
    readTorchPt(bytes, what).map((t) => [t.name, t] as const),
    parseActivation("relu"),
    what,
  );
}
