import type { SplitNeurons } from "./splitNeurons.js";

/**
 * The components of H(c), lazily, as sign patterns over the split neurons
 * (in index order): "+" / "-" is the sign of a_k for a pathological neuron
 * and of its single incoming weight for a positive-split one. Patterns come
 * in binary order with "+" as 0, so "++…+" first; `limit` stops early.
 *
 * @param split - the split neurons, from `splitNeurons`
 * @param limit - stop after this many patterns (default: all 2^{#split})
 * @returns a generator of sign patterns such as "+-"
 * @example [...enumerateComponents({ pathological: [0, 1], positiveSplit: [], all: [0, 1] })] // returns ["++", "+-", "-+", "--"]
 */
export function* enumerateComponents(split: SplitNeurons, limit?: bigint): Generator<string> {
  const k = split.all.length;
  const total = 1n << BigInt(k);
  const end = limit !== undefined && limit < total ? limit : total;
  for (let i = 0n; i < end; i++) {
    let pattern = "";
    for (let b = k - 1; b >= 0; b--) pattern += (i >> BigInt(b)) & 1n ? "-" : "+";
    yield pattern;
  }
}
