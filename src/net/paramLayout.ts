import { InputError } from "../errors.js";
import { at } from "../scalar/at.js";
import type { Activation } from "./activation.js";
import type { Convolution, LayeredNetwork, Pooling } from "./layeredNetwork.js";

/**
 * What a layout of a network with convolutions knows beyond widths and biases: the columns of every
 * W_l (a convolution's row is its kernel, in / groups · ∏kernel entries, not one per unit below), each
 * layer's convolution and pooling, and the input shape, so that flat θ unpacks into the same network.
 */
export interface LayoutStructure {
  /** Per weight layer l (index l − 1): the columns of W_l. */
  readonly columns: readonly number[];
  /** Per weight layer: its convolution and pooling, both absent on a fully connected layer. */
  readonly layers: readonly {
    readonly conv?: Convolution | undefined;
    readonly pool?: Pooling | undefined;
    /**
     * A batch normalisation of the layer: its ε, which is not a parameter (θ holds γ and β). Typed
     * `unknown` because a layout is shared by every arithmetic; it is the scalar of the network it was read from.
     */
    readonly norm?: { readonly eps: unknown } | undefined;
  }[];
  readonly input?: LayeredNetwork<unknown>["input"];
}

/**
 * Where every parameter of a fully connected network of any depth sits in one
 * flat vector θ, in PyTorch `state_dict` order: for each weight layer l = 1 … L,
 * the matrix W_l (n_l × n_{l−1}, row-major) and then, when layer l has one, its
 * bias b_l, then, when it has a batch normalisation, its γ_l and β_l (the BatchNorm
 * module's weight and bias follow the layer's in a `state_dict`). Weight layer l reads layer l − 1 (layer 0 is the input) and feeds
 * layer l; layers 1 … L − 1 are hidden and carry the activation.
 *
 * Every flat index of the package is computed from this one description: the
 * exact kernel's packing, the fixed-point field, the Taylor series, the float
 * kernel and the parameter names of the conservation-law search.
 */
export interface ParamLayout {
  /**
   * `[d, h1, …, e]`: input width, hidden widths, output width; the units of each layer, so for a
   * convolution its output channels (and d the input channels when the first layer is one).
   */
  readonly widths: readonly number[];
  /** Per weight layer l (index l − 1): the columns of W_l, `widths[l − 1]` for a fully connected network. */
  readonly columns: readonly number[];
  /** Convolutions, pooling and input shape of a network with convolutions; absent for a fully connected one. */
  readonly structure?: LayoutStructure | undefined;
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
  /** Offset of γ_l[0] of layer l's batch normalisation (β_l follows γ_l), index l − 1; −1 for a layer without one. */
  readonly normOffset: readonly number[];
}

/**
 * The layout of a network with the given widths, biases and activation.
 *
 * @param widths - `[d, h1, …, e]`, positive integers, at least two entries
 * @param bias - one flag per weight layer, or one flag for every layer
 * @param structure - for a network with convolutions: the columns of each W, its convolutions and pooling
 * @throws InputError for fewer than two widths, a width that is not a positive integer, or a bias list or structure of the wrong length
 * @example paramLayout([2, 3, 1], [true, false], { kind: "relu" }).size // returns 12
 * @example paramLayout([1, 2, 1], true, { kind: "relu" }, { columns: [9, 2 * 16], layers: [{ conv: { kernel: [3, 3], groups: 1 } }, {}] }).size // returns 53
 * @example paramLayout([2, 3, 1], true, { kind: "relu" }, { columns: [2, 3], layers: [{ norm: { eps: 0 } }, {}] }).normOffset // returns [9, -1]
 */
export function paramLayout(
  widths: readonly number[],
  bias: boolean | readonly boolean[],
  activation: Activation,
  structure?: LayoutStructure,
): ParamLayout {
  if (widths.length < 2)
    throw new InputError({ field: "widths", expected: "at least two positive integers d, …, e", value: widths.join(",") });
  for (const w of widths)
    if (!Number.isSafeInteger(w) || w < 1)
      throw new InputError({ field: "widths", expected: "positive integers", value: widths.join(",") });
  const depth = widths.length - 1;
  const flags = typeof bias === "boolean" ? new Array<boolean>(depth).fill(bias) : [...bias];
  if (flags.length !== depth)
    throw new InputError({ field: "bias", expected: `one flag per weight layer (${depth})`, value: String(flags.length) });
  const columns = structure?.columns ?? widths.slice(0, -1);
  if (columns.length !== depth || (structure !== undefined && structure.layers.length !== depth))
    throw new InputError({
      field: "structure",
      expected: `columns and layers for each weight layer (${depth})`,
      value: String(columns.length),
    });
  for (const c of columns)
    if (!Number.isSafeInteger(c) || c < 1)
      throw new InputError({ field: "columns", expected: "positive integers", value: columns.join(",") });
  const weightOffset: number[] = [];
  const biasOffset: number[] = [];
  const normOffset: number[] = [];
  let offset = 0;
  // layer k maps columns[k] entries of its input to widths[k + 1] units
  for (const [k, hasBias] of flags.entries()) {
    const units = at(widths, k + 1);
    weightOffset.push(offset);
    offset += units * at(columns, k);
    biasOffset.push(hasBias ? offset : -1);
    if (hasBias) offset += units;
    const normalised = structure?.layers[k]?.norm !== undefined;
    normOffset.push(normalised ? offset : -1);
    if (normalised) offset += 2 * units;
  }
  return {
    widths: [...widths],
    columns: [...columns],
    ...(structure === undefined ? {} : { structure }),
    bias: flags,
    activation,
    depth,
    size: offset,
    weightOffset,
    biasOffset,
    normOffset,
  };
}
