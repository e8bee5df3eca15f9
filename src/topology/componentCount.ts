import type { SplitNeurons } from "./splitNeurons.js";

/**
 * The number of components of H(c): b₀ = 2^{#split neurons}.
 *
 * @param split - the split neurons, from `splitNeurons`
 * @returns b₀, in BigInt
 * @example componentCount({ pathological: [0, 2], positiveSplit: [], all: [0, 2] }) // returns 4n
 */
export function componentCount(split: SplitNeurons): bigint {
  return 1n << BigInt(split.all.length);
}
