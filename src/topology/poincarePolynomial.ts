import { InputError } from "../errors.js";
import { binomialRow } from "./binomialRow.js";
import { checkDims, type QuadricDims } from "./neuronKinds.js";
import type { SignCounts } from "./signCounts.js";

/**
 * The Poincaré polynomial of H(c) in factored form. By Künneth it is the
 * product of the per-neuron polynomials of THEORY.md §3:
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

/** The factored Poincaré polynomial for the given sign counts. */
export function poincareFactors(counts: SignCounts, dims: QuadricDims): PoincareFactors {
  checkDims(dims);
  return { p: dims.dIn - 1, nPositive: counts.positive, q: dims.e - 1, nNegative: counts.negative };
}

/** The top degree of P: the dimension of the homotopy type of H(c). */
export function topDegree(f: PoincareFactors): number {
  return f.p * f.nPositive + f.q * f.nNegative;
}

/** Limits on expanding P into Betti numbers (the expansion has (n₊+1)(n₋+1) products of big binomials). */
export const MAX_EXPANDED_DEGREE = 5000;
export const MAX_EXPANDED_PRODUCTS = 2_000_000;

/** Whether {@link bettiNumbers} will expand these factors within the limits. */
export function canExpand(f: PoincareFactors): boolean {
  const products = (f.p === f.q ? 1 : f.nNegative + 1) * (f.nPositive + 1);
  return topDegree(f) <= MAX_EXPANDED_DEGREE && products <= MAX_EXPANDED_PRODUCTS;
}

/**
 * The Betti numbers b_0 … b_top of H(c), exact in BigInt: binomial rows of
 * the two factors convolved on the exponents (one row when p = q).
 *
 * @throws InputError when the expansion exceeds {@link MAX_EXPANDED_DEGREE} or {@link MAX_EXPANDED_PRODUCTS}
 * @example bettiNumbers(poincareFactors({ negative: 2, zero: 0, positive: 0 }, { dIn: 3, e: 3 })) // returns [1n, 0n, 2n, 0n, 1n]
 */
export function bettiNumbers(f: PoincareFactors): bigint[] {
  if (!canExpand(f)) {
    throw new InputError(`invalid request. Betti numbers of top degree ${topDegree(f)} are too large to expand (limit degree ${MAX_EXPANDED_DEGREE}); use the factored Poincaré polynomial`);
  }
  const betti = new Array<bigint>(topDegree(f) + 1).fill(0n);
  if (f.p === f.q) {
    binomialRow(f.nPositive + f.nNegative).forEach((c, i) => (betti[i * f.p] = betti[i * f.p]! + c));
    return betti;
  }
  const pos = binomialRow(f.nPositive);
  const neg = binomialRow(f.nNegative);
  pos.forEach((a, i) => neg.forEach((b, j) => (betti[i * f.p + j * f.q] = betti[i * f.p + j * f.q]! + a * b)));
  return betti;
}

/** Prints Σ b_i t^i as "1 + 2t^2 + t^4" (zero terms left out). */
export function formatPolynomial(betti: readonly bigint[]): string {
  const terms = betti.flatMap((b, i) => {
    if (b === 0n) return [];
    if (i === 0) return [b.toString()];
    const coef = b === 1n ? "" : b.toString();
    return [`${coef}t${i === 1 ? "" : `^${i}`}`];
  });
  return terms.length === 0 ? "0" : terms.join(" + ");
}

/** Prints the factored form, e.g. "(1 + t^2)^3 (1 + t)^2", or "2^5 (1 + t^2)^3" when a sphere is S⁰. */
export function formatFactors(f: PoincareFactors): string {
  let twos = 0;
  const parts: string[] = [];
  for (const [exp, n] of [[f.p, f.nPositive], [f.q, f.nNegative]] as const) {
    if (n === 0) continue;
    if (exp === 0) twos += n;
    else parts.push(`(1 + t${exp === 1 ? "" : `^${exp}`})${n === 1 ? "" : `^${n}`}`);
  }
  if (twos > 0) parts.unshift(twos === 1 ? "2" : `2^${twos}`);
  return parts.length === 0 ? "1" : parts.join(" ");
}
