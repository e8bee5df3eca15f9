import type { PoincareFactors } from "./poincareFactors.js";

/**
 * The top degree of P: the dimension of the homotopy type of H(c).
 *
 * @param f - the factored Poincaré polynomial
 * @returns p·n₊ + q·n₋
 * @example topDegree({ p: 2, nPositive: 1, q: 0, nNegative: 2 }) // returns 2
 */
export function topDegree(f: PoincareFactors): number {
  return f.p * f.nPositive + f.q * f.nNegative;
}
