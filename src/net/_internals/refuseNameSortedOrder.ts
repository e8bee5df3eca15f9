import { fileFault } from "../../io/fileFault.js";
import { LINEAR_CHAIN } from "./chainLayers.js";
import { indexOrder } from "./stateDictChain.js";

/**
 * Refuses a safetensors file whose tensors are listed by name while their module names do not say the
 * order of the layers. `save_file` lays the tensors out sorted by dtype, then by name, so such a file
 * keeps no trace of the model's order: `act1` (a convolution) sorts before `conv1`, and when the shapes
 * happen to chain in that order too, reading it would pair the wrong tensors without any error. Names
 * that are `nn.Sequential` indices under one prefix (`0`, `net.4`) fix the order themselves; a file whose
 * tensors are not in name order was written in the order its writer chose, which is kept.
 *
 * @param names - the tensor names, in the order of their data in the file (BatchNorm's counter left out)
 * @param what - the file's name, for the message
 * @throws InputError (one line, naming the modules and `--layers`) for a name-sorted file of named modules
 * @internal
 */
export function refuseNameSortedOrder(names: readonly string[], what: string): void {
  const modules = [...new Set(names.map((n) => n.replace(/\.[^.]*$/, "")))];
  if (modules.length < 2 || indexOrder(modules) !== undefined) return;
  if (names.some((n, i) => i > 0 && n < (names[i - 1] ?? ""))) return;
  throw fileFault(
    "network",
    LINEAR_CHAIN,
    what,
    `the safetensors file lists its tensors sorted by name (as save_file writes them), which does not give the order of the modules ${modules
      .slice(0, 6)
      .map((m) => `\`${m}\``)
      .join(
        ", ",
      )}${modules.length > 6 ? ", …" : ""}: name them in the model's order with --layers (BatchNorm modules included), or read the .pt file torch.save writes`,
  );
}
