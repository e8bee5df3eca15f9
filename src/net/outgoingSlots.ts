import { at } from "../scalar/at.js";
import { weightSlot } from "./weightSlot.js";
import type { ParamLayout } from "./paramLayout.js";

/**
 * The outgoing parameters a of hidden neuron k of layer `layer` (1 … L − 1): its column of W_{layer+1}, in output order.
 *
 * @example outgoingSlots(paramLayout([2, 3, 2], true, { kind: "relu" }), 1, 1) // returns [10, 13]
 */
export function outgoingSlots(L: ParamLayout, layer: number, k: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < at(L.widths, layer + 1); r++) out.push(weightSlot(L, layer + 1, r, k));
  return out;
}
