import type { SplitNeurons } from "../topology/splitNeurons.js";

/**
 * Components up to rescaling and permutation (docs/theory.md §4): rescaling
 * makes any two split neurons of the same kind exchangeable, so a class is
 * fixed by the number of "+" signs in each kind:
 * (n_pathological + 1)(n_positive_split + 1). Two pathological neurons give
 * 4 components and 3 effective components.
 *
 * @param split - the split neurons, from `splitNeurons`
 * @returns the number of effectively different components
 * @example effectiveComponentCount({ pathological: [0, 1], positiveSplit: [], all: [0, 1] }) // returns 3n
 */
export function effectiveComponentCount(split: SplitNeurons): bigint {
  return BigInt(split.pathological.length + 1) * BigInt(split.positiveSplit.length + 1);
}
