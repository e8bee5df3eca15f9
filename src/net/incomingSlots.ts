import { at } from "../scalar/at.js";
import { weightSlot } from "./weightSlot.js";
import { biasSlot } from "./biasSlot.js";
import type { ParamLayout } from "./paramLayout.js";

/**
 * The incoming parameters w̃ of hidden neuron (or channel) k of layer `layer` (1 … L − 1):
 * its row of W_layer (a channel's whole kernel), then its bias when the layer has one; with a batch
 * normalisation, its γ_k and β_k instead (what the rescaling against the layer above acts on, docs/convolutions.md §2).
 *
 * @example incomingSlots(paramLayout([2, 3, 1], true, { kind: "relu" }), 1, 1) // returns [2, 3, 7]
 */
export function incomingSlots(L: ParamLayout, layer: number, k: number): number[] {
  const n0 = L.normOffset[layer - 1] ?? -1;
  if (n0 >= 0) return [n0 + k, n0 + at(L.widths, layer) + k];
  const out: number[] = [];
  for (let c = 0; c < at(L.columns, layer - 1); c++) out.push(weightSlot(L, layer, k, c));
  if (L.bias[layer - 1]) out.push(biasSlot(L, layer, k));
  return out;
}
