import type { FloatLayout } from "./floatLayout.js";
import { seededRandom } from "./seededRandom.js";

/**
 * PyTorch's default `nn.Linear` initialisation of the two-layer network:
 * every weight and bias uniform in (−1/√fan_in, 1/√fan_in).
 *
 * @param L - the layout of the flat parameter vector
 * @param key - the seed key of the draw
 * @returns a fresh parameter vector, the same for the same key
 * @example defaultInit(floatLayout(30, 4, 1, true, false), "k").length // returns 128
 */
export function defaultInit(L: FloatLayout, key: string): Float64Array {
  const rng = seededRandom(key);
  const p = new Float64Array(L.size);
  const b1 = 1 / Math.sqrt(L.d);
  const b2 = 1 / Math.sqrt(L.l);
  for (let q = 0; q < L.W2; q++) p[q] = rng.uniform(-b1, b1);
  for (let q = L.W2; q < L.size; q++) p[q] = rng.uniform(-b2, b2);
  return p;
}
