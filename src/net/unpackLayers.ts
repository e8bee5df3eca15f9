import { InputError } from "../errors.js";
import { at } from "../scalar/at.js";
import type { Layer, LayeredNetwork } from "./layeredNetwork.js";
import type { ParamLayout } from "./paramLayout.js";

/**
 * The layered network whose parameters are `theta`, read in the order of `L` (with the layout's
 * convolutions, pooling and input shape, when it has them).
 *
 * @throws InputError when θ does not have `L.size` entries
 * @example unpackLayers([1, 2, 3], paramLayout([1, 1, 1], [false, true], { kind: "relu" })).layers[1] // returns { W: [[2]], b: [3] }
 */
export function unpackLayers<T>(theta: ArrayLike<T>, L: ParamLayout): LayeredNetwork<T> {
  if (theta.length !== L.size) throw new InputError({ field: "theta", expected: `${L.size} parameters`, value: String(theta.length) });
  // Layer k reads columns[k] entries into widths[k + 1] units; every index below is under L.size = θ's length.
  /** θ[start … start + length) as a new array (a plain loop: a float run unpacks θ at its end, and often). */
  const entries = (start: number, length: number): T[] => {
    const out = new Array<T>(length);
    for (let j = 0; j < length; j++) out[j] = theta[start + j] as T;
    return out;
  };
  const layers = L.weightOffset.map((w0, k): Layer<T> => {
    const cols = at(L.columns, k);
    const rows = at(L.widths, k + 1);
    const b0 = at(L.biasOffset, k);
    const W = Array.from({ length: rows }, (_, r) => entries(w0 + r * cols, cols));
    const b = b0 < 0 ? undefined : entries(b0, rows);
    const shape = L.structure?.layers[k];
    if (shape === undefined) return { W, b };
    const n0 = at(L.normOffset, k);
    // ε is not in θ: the layout keeps the one of the network it was made from, a value of the same arithmetic as θ
    const norm =
      shape.norm === undefined || n0 < 0
        ? undefined
        : {
            gamma: entries(n0, rows),
            beta: entries(n0 + rows, rows),
            eps: shape.norm.eps as T,
          };
    return {
      W,
      b,
      ...(shape.conv === undefined ? {} : { conv: shape.conv }),
      ...(norm === undefined ? {} : { norm }),
      ...(shape.pool === undefined ? {} : { pool: shape.pool }),
    };
  });
  const input = L.structure?.input;
  return input === undefined ? { activation: L.activation, layers } : { activation: L.activation, layers, input };
}
