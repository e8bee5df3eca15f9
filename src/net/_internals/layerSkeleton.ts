import { at } from "../../scalar/at.js";
import type { Layer } from "../layeredNetwork.js";
import type { ParamLayout } from "../paramLayout.js";

/**
 * Weight layer l (1 … L) of a layout as a `Layer` without values: W of the layer's rows × columns
 * (every row the same empty array) and its convolution, which is all `readerBlock` reads.
 * @internal
 */
export function layerSkeleton(L: ParamLayout, layer: number): Layer<unknown> {
  const row = new Array<unknown>(at(L.columns, layer - 1));
  const W = Array.from({ length: at(L.widths, layer) }, () => row);
  const conv = L.structure?.layers[layer - 1]?.conv;
  return conv === undefined ? { W } : { W, conv };
}
