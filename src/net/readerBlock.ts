import { InputError } from "../errors.js";
import type { Layer } from "./layeredNetwork.js";

/** A block of a weight matrix: rows `rows[0]` ≤ r < `rows[1]`, columns `columns[0]` ≤ c < `columns[1]`. */
export interface WeightBlock {
  readonly rows: readonly [number, number];
  readonly columns: readonly [number, number];
}

/**
 * The weights of `upper` that read unit j of `lower` (a neuron, or an output channel of a
 * convolution): the outgoing weights a_j of the rescaling symmetry, always one block of upper's W.
 * - `upper` fully connected after a fully connected `lower`: column j of every row.
 * - `upper` fully connected after a convolution (PyTorch's `flatten`, channel-major): the
 *   in_features / C columns of channel j, of every row, where C is lower's channel count.
 * - `upper` a convolution with g groups: its rows are g groups of out / g channels and its columns
 *   C / g input channels of ∏kernel entries each; channel j is read by the rows of its group
 *   ⌊j / (C / g)⌋, in the columns of its place j mod (C / g) within that group.
 *
 * @param lower - the layer whose unit is read
 * @param upper - the layer above it
 * @param j - the unit of `lower`, 0 … rows of lower's W − 1
 * @throws InputError when upper's shape does not divide into lower's units (a chain that does not fit)
 * @example readerBlock({ W: [["1"], ["2"]], conv: { kernel: [1], groups: 1 } }, { W: [["1", "2", "3", "4", "5", "6"]] }, 1) // returns { rows: [0, 1], columns: [3, 6] }
 */
export function readerBlock(lower: Layer<unknown>, upper: Layer<unknown>, j: number): WeightBlock {
  const units = lower.W.length;
  const rows = upper.W.length;
  const columns = upper.W[0]?.length ?? 0;
  const misfit = (expected: string): InputError =>
    new InputError({ field: "layer shapes", expected, value: `${rows} × ${columns} after ${units} units` });
  if (upper.conv === undefined) {
    if (lower.conv === undefined) {
      if (columns !== units) throw misfit(`${units} columns, one per unit below`);
      return { rows: [0, rows], columns: [j, j + 1] };
    }
    if (columns % units !== 0) throw misfit(`a multiple of ${units} columns, one block per flattened channel`);
    const per = columns / units;
    return { rows: [0, rows], columns: [j * per, (j + 1) * per] };
  }
  const { groups } = upper.conv;
  if (units % groups !== 0 || rows % groups !== 0) throw misfit(`channel counts divisible by groups = ${groups}`);
  const inPerGroup = units / groups;
  if (columns % inPerGroup !== 0) throw misfit(`a multiple of ${inPerGroup} columns, one kernel per input channel of a group`);
  const kernel = columns / inPerGroup;
  const outPerGroup = rows / groups;
  const group = Math.floor(j / inPerGroup);
  const place = j % inPerGroup;
  return { rows: [group * outPerGroup, (group + 1) * outPerGroup], columns: [place * kernel, (place + 1) * kernel] };
}
