import { InputError } from "../errors.js";
import { at } from "../scalar/at.js";
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
  // Layer k reads widths[k] inputs into widths[k + 1] units; every index below is under L.size = θ's length.
  const layers = L.weightOffset.map((w0, k) => {
    const cols = at(L.widths, k);
    const rows = at(L.widths, k + 1);
    const b0 = at(L.biasOffset, k);
    const W = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => at(theta, w0 + r * cols + c)));
    return { W, b: b0 < 0 ? undefined : Array.from({ length: rows }, (_, r) => at(theta, b0 + r)) };
  });
  return { activation: L.activation, layers };
}
