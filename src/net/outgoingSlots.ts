import { weightSlot } from "./weightSlot.js";
import type { ParamLayout } from "./paramLayout.js";
import { readerBlock } from "./readerBlock.js";
import { layerSkeleton } from "./_internals/layerSkeleton.js";

/**
 * The outgoing parameters a of hidden neuron (or channel) k of layer `layer` (1 … L − 1): every weight of
 * W_{layer+1} that reads it (its `readerBlock`: a column, a flattened channel's columns, or a grouped
 * kernel slice), row by row.
 *
 * @example outgoingSlots(paramLayout([2, 3, 2], true, { kind: "relu" }), 1, 1) // returns [10, 13]
 */
export function outgoingSlots(L: ParamLayout, layer: number, k: number): number[] {
  const out: number[] = [];
  // a fully connected network's block is column k of every row: no skeleton needed
  const {
    rows: [r0, r1],
    columns: [c0, c1],
  } =
    L.structure === undefined
      ? { rows: [0, L.widths[layer + 1] ?? 0], columns: [k, k + 1] }
      : readerBlock(layerSkeleton(L, layer), layerSkeleton(L, layer + 1), k);
  for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) out.push(weightSlot(L, layer + 1, r, c));
  return out;
}
