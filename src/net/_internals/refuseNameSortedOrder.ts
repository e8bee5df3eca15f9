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
 * @param tensors - the tensors' names and dtypes, in the order of their data in the file (BatchNorm's counter left out)
 * @param what - the file's name, for the message
 * @throws InputError (one line, naming the modules and `--layers`) for a name-sorted file of named modules
 * @internal
 */
export function refuseNameSortedOrder(tensors: readonly { readonly name: string; readonly dtype: string }[], what: string): void {
  const modules = [...new Set(tensors.map((t) => t.name.replace(/\.[^.]*$/, "")))];
  if (modules.length < 2 || indexOrder(modules) !== undefined) return;
  // save_file's order: one run per dtype, names ascending within it (a model kept partly in another precision too)
  const seen = new Set<string>();
  for (const [i, t] of tensors.entries()) {
    const before = tensors[i - 1];
    if (before?.dtype === t.dtype) {
      if (t.name < before.name) return;
    } else if (seen.has(t.dtype)) return;
    seen.add(t.dtype);
  }
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
