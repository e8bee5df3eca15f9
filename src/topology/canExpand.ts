import { sphereFactors } from "./_internals/sphereFactors.js";
import type { PoincareFactors } from "./poincareFactors.js";
import { topDegree } from "./topDegree.js";
import { at } from "../scalar/at.js";

/** Limit on expanding P into Betti numbers: the top degree. */
export const MAX_EXPANDED_DEGREE = 5000;
/** Limit on expanding P into Betti numbers: big-integer additions spent. */
export const MAX_EXPANDED_WORK = 50_000_000;

/**
 * Whether {@link bettiNumbers} will expand these factors within the limits.
 *
 * @param f - the factored Poincaré polynomial
 * @returns true when the top degree is at most {@link MAX_EXPANDED_DEGREE} and the work at most {@link MAX_EXPANDED_WORK}
 * @example canExpand({ p: 2, nPositive: 1, q: 0, nNegative: 2 }) // returns true
 */
export function canExpand(f: PoincareFactors): boolean {
  const { factors } = sphereFactors(f);
  const work = factors.length === 2 ? at(factors, 1)[1] * (topDegree(f) + 1) : 0;
  return topDegree(f) <= MAX_EXPANDED_DEGREE && work <= MAX_EXPANDED_WORK;
}
