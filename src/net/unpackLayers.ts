import { InputError } from "../errors.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import type { ParamLayout } from "./paramLayout.js";

/**
 * The layered network whose parameters are `theta`, read in the order of `L`.
 *
 * @throws InputError when θ does not have `L.size` entries
 * @example unpackLayers([1, 2, 3], paramLayout([1, 1, 1], [false, true], { kind: "relu" })).layers[1] // returns { W: [[2]], b: [3] }
 */
export function unpackLayers<T>(theta: ArrayLike<T>, L: ParamLayout): LayeredNetwork<T> {
  if (theta.length !== L.size) throw new InputError({ field: "theta", expected: `${L.size} parameters`, value: String(theta.length) });
  const layers = [];
  for (let l = 1; l <= L.depth; l++) {
    const rows = L.widths[l]!;
    const cols = L.widths[l - 1]!;
    const w0 = L.weightOffset[l - 1]!;
    const b0 = L.biasOffset[l - 1]!;
    const W = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => theta[w0 + r * cols + c]!));
    layers.push({ W, b: b0 < 0 ? undefined : Array.from({ length: rows }, (_, r) => theta[b0 + r]!) });
  }
  return { activation: L.activation, layers };
}
