import { InputError } from "../errors.js";
import type { Network } from "./network.js";
import type { ParamLayout } from "./paramLayout.js";
import { unpackLayers } from "./unpackLayers.js";

/**
 * The two-layer network whose parameters are `theta`, read in the order of `L`.
 *
 * @throws InputError when `L` is not two-layer or θ does not have `L.size` entries
 * @example unpackNetwork([1, 2, 5, 3], layoutOf({ activation: { kind: "relu" }, W1: [[0, 0]], b1: [0], W2: [[0]] })).b1 // returns [5]
 */
export function unpackNetwork<T>(theta: ArrayLike<T>, L: ParamLayout): Network<T> {
  if (L.depth !== 2) throw new InputError({ field: "layout", expected: "a two-layer layout", value: L.widths.join(",") });
  const [first, second] = unpackLayers(theta, L).layers;
  return { activation: L.activation, W1: first!.W, b1: first!.b, W2: second!.W, b2: second!.b };
}
