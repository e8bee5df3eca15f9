import { InputError } from "../errors.js";
import { chainLayers } from "./_internals/chainLayers.js";
import type { Activation } from "./activation.js";
import type { DenseLayer, LayeredNetwork } from "./layeredNetwork.js";

/** One tensor of a `state_dict`: its shape and its entries in row-major order, as exact text. */
export interface StateDictTensor {
  readonly shape: readonly number[];
  readonly values: readonly string[];
}

// `0.weight`, `net.2.bias`: an optional module prefix, the index of the layer
// inside `nn.Sequential`, then the parameter.
const KEY = /^(?:(.*)\.)?(\d+)\.(weight|bias)$/;

/**
 * The layered network of a PyTorch `nn.Sequential` `state_dict` of `nn.Linear` layers:
 * keys `0.weight`, `0.bias`, `2.weight`, … (optionally under one common prefix such as `net.`).
 * The indices may skip — activation modules carry no parameters — and give the layer order;
 * a layer without a `bias` key has none.
 *
 * @param entries - the tensors by name, in any order
 * @param activation - the activation of every hidden layer (a state_dict does not record it)
 * @param what - the file name, for messages
 * @throws InputError for a key of another form, prefixes that differ, a weight that is not a matrix, a bias that is
 *   not a vector, a bias without weight, or layers that do not fit
 * @example layersFromStateDict([["0.weight", { shape: [1, 1], values: ["2"] }], ["2.weight", { shape: [1, 1], values: ["3"] }]], { kind: "relu" }, "net").layers[1] // returns { W: [["3"]], b: undefined }
 */
export function layersFromStateDict(
  entries: readonly (readonly [string, StateDictTensor])[],
  activation: Activation,
  what: string,
): LayeredNetwork<string> {
  const byIndex = new Map<number, { weight?: StateDictTensor; bias?: StateDictTensor; index: string }>();
  let prefix: string | undefined;
  for (const [name, tensor] of entries) {
    const m = KEY.exec(name);
    if (m === null)
      throw new InputError(
        `invalid network \`${what}\`: unknown tensor \`${name}\` (expected nn.Sequential keys such as 0.weight, 0.bias, 2.weight).`,
      );
    const p = m[1] ?? "";
    if (prefix !== undefined && p !== prefix)
      throw new InputError(
        `invalid network \`${what}\`: tensor \`${name}\` has another prefix than \`${prefix}\` (one nn.Sequential expected).`,
      );
    prefix = p;
    const index = Number(m[2]);
    const slot = byIndex.get(index) ?? { index: `${p === "" ? "" : `${p}.`}${m[2]}` };
    slot[m[3] as "weight" | "bias"] = tensor;
    byIndex.set(index, slot);
  }
  const order = [...byIndex.keys()].sort((a, b) => a - b);
  const names: string[] = [];
  const layers: DenseLayer<string>[] = order.map((i) => {
    const { weight, bias, index } = byIndex.get(i)!;
    names.push(`${index}.weight`);
    if (weight === undefined) throw new InputError(`invalid network \`${what}\`: \`${index}.bias\` has no \`${index}.weight\`.`);
    if (weight.shape.length !== 2 || weight.shape[0]! < 1 || weight.shape[1]! < 1)
      throw new InputError(
        `invalid network \`${what}\`: \`${index}.weight\` must be a non-empty matrix. Value: shape [${weight.shape.join(", ")}].`,
      );
    if (bias !== undefined && bias.shape.length !== 1)
      throw new InputError(`invalid network \`${what}\`: \`${index}.bias\` must be a vector. Value: shape [${bias.shape.join(", ")}].`);
    const [rows, cols] = weight.shape as [number, number];
    const W = Array.from({ length: rows }, (_, r) => weight.values.slice(r * cols, (r + 1) * cols));
    return { W, b: bias === undefined ? undefined : [...bias.values] };
  });
  return chainLayers(layers, names, activation, what);
}
