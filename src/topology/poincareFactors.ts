import { checkDims, type QuadricDims } from "./checkDims.js";
import type { SignCounts } from "./signCounts.js";

/**
 * The Poincaré polynomial of H(c) in factored form. By Künneth it is the
 * product of the per-neuron polynomials of docs/theory.md §3:
 *   P(t) = (1 + t^p)^{n₊} (1 + t^q)^{n₋},  p = d_in − 1, q = e − 1,
 * where a zero exponent p or q gives the factor 2 (S⁰ is two points, so
 * b₀ = 2 rather than b₀ = b₀' = 1), and c = 0 neurons contribute 1.
 */
export interface PoincareFactors {
  /** Exponent and power of the factor from positive neurons: (1 + t^p)^{n₊}. */
  p: number;
  nPositive: number;
  /** Exponent and power of the factor from negative neurons: (1 + t^q)^{n₋}. */
  q: number;
  nNegative: number;
}

/**
 * The factored Poincaré polynomial of H(c) for the given sign counts.
 *
 * @param counts - how many neurons have c_k > 0, < 0 and = 0
 * @param dims - d_in and e of the quadrics
 * @returns the exponents and powers of the two factors
 * @throws InputError unless d_in and e are positive integers
 * @example poincareFactors({ negative: 2, zero: 0, positive: 1 }, { dIn: 3, e: 1 }) // returns { p: 2, nPositive: 1, q: 0, nNegative: 2 }
 */
export function poincareFactors(counts: SignCounts, dims: QuadricDims): PoincareFactors {
  checkDims(dims);
  return { p: dims.dIn - 1, nPositive: counts.positive, q: dims.e - 1, nNegative: counts.negative };
}
