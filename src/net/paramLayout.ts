import { InputError } from "../errors.js";
import { at } from "../scalar/at.js";
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
  let offset = 0;
  // layer k maps widths[k] inputs to widths[k + 1] units
  for (const [k, hasBias] of flags.entries()) {
    const units = at(widths, k + 1);
    weightOffset.push(offset);
    offset += units * at(widths, k);
    biasOffset.push(hasBias ? offset : -1);
    if (hasBias) offset += units;
  }
  return { widths: [...widths], bias: flags, activation, depth, size: offset, weightOffset, biasOffset };
}
