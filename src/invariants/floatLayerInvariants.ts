import type { LayeredNetwork } from "../net/layeredNetwork.js";
import type { Rational } from "../scalar/exact.js";
import { SquareSums } from "./_internals/squareSums.js";
import { unitTerms } from "./_internals/unitTerms.js";

/**
 * The exact c_{l,k} of every hidden neuron of a network whose parameters are binary floats
 * (what a safetensors or `.pt` file stores: every float32, float16, bfloat16 and float64 is a
 * number exactly), equal to `layerInvariants(net, exact)` of the same values. Each weight is
 * m · 2^−k (`floatParts`); a unit's terms are those of `neuronInvariants` (a channel of a convolution, (γ, β) under a
 * batch normalisation); the sum of squares of dyadics is one integer sum per power of
 * two and one shift, with no rational arithmetic per weight: a 669,706-parameter network takes
 * milliseconds, not seconds.
 *
 * @param net - the network, its values finite numbers taken as the exact binary fractions they are
 * @param progress - told now and then how many hidden neurons are done (a progress bar on a large file)
 * @returns one row per hidden layer, index l − 1, with one exact entry per neuron
 * @example floatLayerInvariants({ activation: { kind: "relu" }, layers: [{ W: [[0.5]], b: [0.25] }, { W: [[2]] }] })[0]?.[0]?.toFraction() // returns "-59/16"
 */
export function floatLayerInvariants(net: LayeredNetwork<number>, progress?: (neurons: number) => void): Rational[][] {
  const sums = new SquareSums();
  // every finite double is m·2^−k with −971 ≤ k ≤ 1074, inside the buckets of SquareSums
  const add = (v: number, sign: 1 | -1): void => sums.addFloat(v, sign);
  const out: Rational[][] = [];
  let done = 0;
  for (let l = 0; l + 1 < net.layers.length; l++) {
    const lower = net.layers[l]!;
    const upper = net.layers[l + 1]!;
    const row: Rational[] = [];
    for (let k = 0; k < lower.W.length; k++) {
      unitTerms(lower, upper, k, add);
      row.push(sums.take());
      if (progress !== undefined && ++done % 256 === 0) progress(done);
    }
    out.push(row);
  }
  return out;
}
