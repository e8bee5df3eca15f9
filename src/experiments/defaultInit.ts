import type { ParamLayout } from "../net/paramLayout.js";
import { at } from "../scalar/at.js";
import { seededRandom } from "../scalar/seededRandom.js";

/**
 * PyTorch's default `nn.Linear` (and `nn.Conv1d`/`nn.Conv2d`) initialisation of a network of any depth:
 * every weight and bias of weight layer l uniform in (−1/√fan_in, 1/√fan_in),
 * fan_in = the columns of W_l (the layer's input width, or a convolution's in / groups · ∏kernel; bias not counted);
 * a batch normalisation's γ = 1 and β = 0, as `nn.BatchNorm1d`/`nn.BatchNorm2d` start.
 *
 * @param L - the layout of the flat parameter vector
 * @param key - the seed key of the draw
 * @returns a fresh parameter vector, the same for the same key
 * @example defaultInit(paramLayout([30, 4, 1], [true, false], { kind: "relu" }), "k").length // returns 128
 * @example Array.from(defaultInit(paramLayout([1, 2, 1], false, { kind: "relu" }, { columns: [1, 2], layers: [{ norm: { eps: 0 } }, {}] }), "k").slice(2, 6)) // returns [1, 1, 0, 0]
 */
export function defaultInit(L: ParamLayout, key: string): Float64Array {
  const rng = seededRandom(key);
  const p = new Float64Array(L.size);
  // Layer by layer in θ order (W_l, then b_l), one draw per entry: a two-layer
  // layout draws exactly as it always has.
  for (let l = 0; l < L.depth; l++) {
    const bound = 1 / Math.sqrt(at(L.columns, l));
    const n0 = at(L.normOffset, l);
    const end = n0 >= 0 ? n0 : l + 1 < L.depth ? at(L.weightOffset, l + 1) : L.size;
    for (let q = at(L.weightOffset, l); q < end; q++) p[q] = rng.uniform(-bound, bound);
    // γ then β: ones, then the zeros the array already holds
    if (n0 >= 0) p.fill(1, n0, n0 + at(L.widths, l + 1));
  }
  return p;
}
