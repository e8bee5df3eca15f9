import type { Rational } from "../scalar/exact.js";
import type { SplitNeurons } from "../topology/splitNeurons.js";
import { at } from "../scalar/at.js";

/**
 * The number of orbits of the components of H(c) under the permutations
 * that map H(c) onto itself — those exchanging only neurons with exactly
 * equal c (docs/theory.md §4). Such a permutation permutes the signs within each
 * group of equal c among the split neurons, so an orbit is fixed by the
 * number of "+" in each group: the count is Π over groups of (size + 1).
 *
 * @param c - the invariants c_k of the hidden neurons
 * @param split - their split neurons, from `splitNeurons`
 * @returns the number of orbits
 * @example strictOrbitCount(["-1", "-1", "2"].map(exact.parse), splitNeurons(["-1", "-1", "2"].map(exact.parse), { dIn: 2, e: 1 })) // returns 3n
 */
export function strictOrbitCount(c: readonly Rational[], split: SplitNeurons): bigint {
  const groups = new Map<string, number>();
  for (const k of split.all) {
    const key = at(c, k).toFraction();
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  let count = 1n;
  for (const size of groups.values()) count *= BigInt(size + 1);
  return count;
}
