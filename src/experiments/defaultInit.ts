import type { ParamLayout } from "../net/paramLayout.js";
import { seededRandom } from "../scalar/seededRandom.js";

/**
 * PyTorch's default `nn.Linear` initialisation of the two-layer network:
 * every weight and bias uniform in (−1/√fan_in, 1/√fan_in).
 *
 * @param L - the layout of the flat parameter vector
 * @param key - the seed key of the draw
 * @returns a fresh parameter vector, the same for the same key
 * @example defaultInit(paramLayout([30, 4, 1], [true, false], { kind: "relu" }), "k").length // returns 128
 */
export function defaultInit(L: ParamLayout, key: string): Float64Array {
  const rng = seededRandom(key);
  const p = new Float64Array(L.size);
  const b1 = 1 / Math.sqrt(L.widths[0]!);
  const b2 = 1 / Math.sqrt(L.widths[1]!);
  // The first layer (W1, b1) fills θ up to W2, the second the rest.
  const W2 = L.weightOffset[1]!;
  for (let q = 0; q < W2; q++) p[q] = rng.uniform(-b1, b1);
  for (let q = W2; q < L.size; q++) p[q] = rng.uniform(-b2, b2);
  return p;
}
