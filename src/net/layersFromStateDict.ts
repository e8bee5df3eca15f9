import { InputError } from "../errors.js";
import { fileFault } from "../io/fileFault.js";
import { at } from "../scalar/at.js";
import { chainLayers, LINEAR_CHAIN } from "./_internals/chainLayers.js";
import { refuseNormalisation } from "./_internals/refuseNormalisation.js";
import type { Activation } from "./activation.js";
import type { Layer, LayeredNetwork } from "./layeredNetwork.js";

/** One tensor of a `state_dict`: its shape and its entries in row-major order, as exact text. */
export interface StateDictTensor<T = string> {
  readonly shape: readonly number[];
  readonly values: readonly T[];
}

// `fc1.weight`, `layers.0.linear.bias`, `module.encoder.0.weight`: a module name, then the parameter.
const KEY = /^(.+)\.(weight|bias)$/;

function shapeFault(tensor: string, expected: string, shape: readonly number[], what: string): InputError {
  return new InputError({ field: `\`${tensor}\` in \`${what}\``, expected, value: `shape [${shape.join(", ")}]` });
}

/**
 * The layered network of a PyTorch `state_dict` of linear layers, whatever the module names:
 * each module's `<name>.weight` (a matrix, out × in) and optional `<name>.bias` form one layer,
 * and the layers are taken in the order the state_dict lists their modules (`nn.Sequential`'s
 * `0.weight`, `2.weight` in index order, a module's `fc1`, `fc2`, `layers.0.linear`, any `module.` prefix), or
 * in the order `layers` names them, which also picks a sub-chain. Each layer must read what the
 * previous one gives.
 *
 * @param entries - the tensors by name, in the state_dict's order
 * @param activation - the activation of every hidden layer (a state_dict does not record it)
 * @param what - the file name, for messages
 * @param layers - the module names of the chain, in order (default: every module, in state_dict order)
 * @throws InputError for a key that is no weight or bias, normalisation layers, two module names that differ only by leading
 *   zeros (`0` and `00`), a weight that is not a matrix, a bias that is not a vector, a bias without weight, a module
 *   `layers` names that is absent, or layers that do not chain (naming the two)
 * @example layersFromStateDict([["fc1.weight", { shape: [1, 1], values: ["2"] }], ["fc2.weight", { shape: [1, 1], values: ["3"] }]], { kind: "relu" }, "net").layers[1] // returns { W: [["3"]], b: undefined }
 */
export function layersFromStateDict<T = string>(
  entries: readonly (readonly [string, StateDictTensor<T>])[],
  activation: Activation,
  what: string,
  layers?: readonly string[],
): LayeredNetwork<T> {
  const fault = (why: string): InputError => fileFault("network", LINEAR_CHAIN, what, why);
  const modules = new Map<string, { weight?: StateDictTensor<T>; bias?: StateDictTensor<T> }>();
  const canonical = new Map<string, string>();
  const names = entries.map(([n]) => n);
  refuseNormalisation(names, what, entries.find(([n, t]) => n.endsWith(".weight") && t.shape.length === 1)?.[0]);
  for (const [name, tensor] of entries) {
    const m = KEY.exec(name);
    if (m === null)
      throw fault(`unknown tensor \`${name}\` (relutopo reads the \`<module>.weight\` and \`<module>.bias\` of linear layers)`);
    const module = at(m, 1);
    // `0` and `00` are the same index to a reader of numbers: refuse rather than guess
    const key = module.replace(/(^|\.)0+(?=\d)/g, "$1");
    const seen = canonical.get(key);
    if (seen !== undefined && seen !== module)
      throw fault(`modules \`${seen}\` and \`${module}\` are ambiguous (the same index written twice)`);
    canonical.set(key, module);
    const slot = modules.get(module) ?? {};
    slot[m[2] as "weight" | "bias"] = tensor;
    modules.set(module, slot);
  }
  const order = layers ?? sequentialOrder([...modules.keys()]);
  for (const name of order) if (!modules.has(name)) throw fault(`no module \`${name}\` (modules: ${[...modules.keys()].join(", ")})`);
  const dense: Layer<T>[] = order.map((name) => {
    const { weight, bias } = modules.get(name)!;
    if (weight === undefined) throw fault(`\`${name}.bias\` has no \`${name}.weight\``);
    const [rows = 0, cols = 0] = weight.shape;
    if (weight.shape.length !== 2 || rows < 1 || cols < 1)
      throw shapeFault(`${name}.weight`, "a non-empty matrix (a linear layer's)", weight.shape, what);
    if (bias !== undefined && bias.shape.length !== 1) throw shapeFault(`${name}.bias`, "a vector", bias.shape, what);
    const W = Array.from({ length: rows }, (_, r) => weight.values.slice(r * cols, (r + 1) * cols));
    return { W, b: bias === undefined ? undefined : [...bias.values] };
  });
  return chainLayers(
    dense,
    order.map((n) => `${n}.weight`),
    activation,
    what,
  );
}

/**
 * The modules in state_dict order; when all are `nn.Sequential` indices under one prefix
 * (`0`, `2`, `net.4`), in index order, which is the order a real state_dict lists them in and
 * the only order a JSON object written by hand can be trusted to mean.
 */
function sequentialOrder(names: string[]): string[] {
  const parts = names.flatMap((name) => {
    const m = /^(?:(.*)\.)?(\d+)$/.exec(name);
    return m === null ? [] : [{ name, prefix: m[1] ?? "", index: Number(m[2]) }];
  });
  if (parts.length !== names.length || new Set(parts.map((p) => p.prefix)).size !== 1) return names;
  return parts.sort((a, b) => a.index - b.index).map((p) => p.name);
}
