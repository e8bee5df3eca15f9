import { InputError } from "../errors.js";
import type { Activation } from "./activation.js";

/**
 * Where every parameter of a fully connected network of any depth sits in one
 * flat vector θ, in PyTorch `state_dict` order: for each weight layer l = 1 … L,
 * the matrix W_l (n_l × n_{l−1}, row-major) and then, when layer l has one, its
 * bias b_l. Weight layer l reads layer l − 1 (layer 0 is the input) and feeds
 * layer l; layers 1 … L − 1 are hidden and carry the activation.
 *
 * Every flat index of the package is computed from this one description: the
 * exact kernel's packing, the fixed-point field, the Taylor series, the float
 * kernel and the parameter names of the conservation-law search.
 */
export interface ParamLayout {
  /** `[d, h1, …, e]`: input width, hidden widths, output width. */
  readonly widths: readonly number[];
  /** Per weight layer l = 1 … L (index l − 1): whether it has a bias. */
  readonly bias: readonly boolean[];
  readonly activation: Activation;
  /** Number of weight layers L = widths.length − 1. */
  readonly depth: number;
  /** Length of θ. */
  readonly size: number;
  /** Offset of W_l[0][0], index l − 1. */
  readonly weightOffset: readonly number[];
  /** Offset of b_l[0], index l − 1; −1 for a layer without bias. */
  readonly biasOffset: readonly number[];
}

/**
 * The layout of a network with the given widths, biases and activation.
 *
 * @param widths - `[d, h1, …, e]`, positive integers, at least two entries
 * @param bias - one flag per weight layer, or one flag for every layer
 * @throws InputError for fewer than two widths, a width that is not a positive integer, or a bias list of the wrong length
 * @example paramLayout([2, 3, 1], [true, false], { kind: "relu" }).size // returns 12
 */
export function paramLayout(widths: readonly number[], bias: boolean | readonly boolean[], activation: Activation): ParamLayout {
  if (widths.length < 2)
    throw new InputError({ field: "widths", expected: "at least two positive integers d, …, e", value: widths.join(",") });
  for (const w of widths)
    if (!Number.isSafeInteger(w) || w < 1)
      throw new InputError({ field: "widths", expected: "positive integers", value: widths.join(",") });
  const depth = widths.length - 1;
  const flags = typeof bias === "boolean" ? new Array<boolean>(depth).fill(bias) : [...bias];
  if (flags.length !== depth)
    throw new InputError({ field: "bias", expected: `one flag per weight layer (${depth})`, value: String(flags.length) });
  const weightOffset: number[] = [];
  const biasOffset: number[] = [];
  let at = 0;
  for (let l = 1; l <= depth; l++) {
    weightOffset.push(at);
    at += widths[l]! * widths[l - 1]!;
    biasOffset.push(flags[l - 1] ? at : -1);
    if (flags[l - 1]) at += widths[l]!;
  }
  return { widths: [...widths], bias: flags, activation, depth, size: at, weightOffset, biasOffset };
}

/**
 * The flat index of W_l[r][c].
 *
 * @param layer - weight layer l, 1 … L
 * @param r - the unit of layer l it feeds
 * @param c - the unit of layer l − 1 it reads
 * @example weightSlot(paramLayout([2, 3, 1], true, { kind: "relu" }), 2, 0, 1) // returns 10
 */
export function weightSlot(L: ParamLayout, layer: number, r: number, c: number): number {
  return L.weightOffset[layer - 1]! + r * L.widths[layer - 1]! + c;
}

/**
 * The flat index of b_l[r].
 *
 * @throws InputError when layer l has no bias
 * @example biasSlot(paramLayout([2, 3, 1], true, { kind: "relu" }), 1, 2) // returns 8
 */
export function biasSlot(L: ParamLayout, layer: number, r: number): number {
  const off = L.biasOffset[layer - 1];
  if (off === undefined || off < 0) throw new InputError({ field: "layer", expected: "a weight layer with a bias", value: String(layer) });
  return off + r;
}

/**
 * The incoming parameters w̃ of hidden neuron k of layer `layer` (1 … L − 1):
 * its row of W_layer, then its bias when the layer has one.
 *
 * @example incomingSlots(paramLayout([2, 3, 1], true, { kind: "relu" }), 1, 1) // returns [2, 3, 7]
 */
export function incomingSlots(L: ParamLayout, layer: number, k: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < L.widths[layer - 1]!; c++) out.push(weightSlot(L, layer, k, c));
  if (L.bias[layer - 1]) out.push(biasSlot(L, layer, k));
  return out;
}

/**
 * The outgoing parameters a of hidden neuron k of layer `layer` (1 … L − 1): its column of W_{layer+1}, in output order.
 *
 * @example outgoingSlots(paramLayout([2, 3, 2], true, { kind: "relu" }), 1, 1) // returns [10, 13]
 */
export function outgoingSlots(L: ParamLayout, layer: number, k: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < L.widths[layer + 1]!; r++) out.push(weightSlot(L, layer + 1, r, k));
  return out;
}
