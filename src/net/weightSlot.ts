import { at } from "../scalar/at.js";
import type { ParamLayout } from "./paramLayout.js";

/**
 * The flat index of W_l[r][c].
 *
 * @param layer - weight layer l, 1 … L
 * @param r - the unit of layer l it feeds
 * @param c - its column: the unit of layer l − 1 it reads (for a convolution, the kernel entry)
 * @example weightSlot(paramLayout([2, 3, 1], true, { kind: "relu" }), 2, 0, 1) // returns 10
 */
export function weightSlot(L: ParamLayout, layer: number, r: number, c: number): number {
  return at(L.weightOffset, layer - 1) + r * at(L.columns, layer - 1) + c;
}
