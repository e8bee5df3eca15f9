import { InputError } from "../errors.js";
import type { ParamLayout } from "./paramLayout.js";

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
