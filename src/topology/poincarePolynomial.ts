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

/** Limits on expanding P into Betti numbers: top degree, and big-integer additions spent. */
export const MAX_EXPANDED_DEGREE = 5000;
export const MAX_EXPANDED_WORK = 50_000_000;

/**
 * The factors with a positive exponent, as [exponent, power] (equal exponents
 * merged), and the power of 2 that S⁰ factors contribute.
 */
function sphereFactors(f: PoincareFactors): { twos: number; factors: Array<[number, number]> } {
  let twos = 0;
  const factors: Array<[number, number]> = [];
  for (const [exp, n] of [[f.p, f.nPositive], [f.q, f.nNegative]] as const) {
    if (n === 0) continue;
    if (exp === 0) twos += n;
    else if (factors.length > 0 && factors[0]![0] === exp) factors[0]![1] += n;
    else factors.push([exp, n]);
  }
  factors.sort((a, b) => b[1] - a[1]);
  return { twos, factors };
}

/** Whether {@link bettiNumbers} will expand these factors within the limits. */
export function canExpand(f: PoincareFactors): boolean {
  const { factors } = sphereFactors(f);
  const work = factors.length === 2 ? factors[1]![1] * (topDegree(f) + 1) : 0;
  return topDegree(f) <= MAX_EXPANDED_DEGREE && work <= MAX_EXPANDED_WORK;
}

/**
 * The Betti numbers b_0 … b_top of H(c), exact in BigInt: the factor with the
 * larger power is a binomial row placed on multiples of its exponent, the
 * other is applied as that many "add a copy shifted by q" passes, and the
 * S⁰ factors multiply everything by 2^{twos} (a shift).
 *
 * @throws InputError when the expansion exceeds {@link MAX_EXPANDED_DEGREE} or {@link MAX_EXPANDED_WORK}
 * @example bettiNumbers(poincareFactors({ negative: 2, zero: 0, positive: 0 }, { dIn: 3, e: 3 })) // returns [1n, 0n, 2n, 0n, 1n]
 */
export function bettiNumbers(f: PoincareFactors): bigint[] {
  if (!canExpand(f)) {
    throw new InputError(`invalid request. Betti numbers of top degree ${topDegree(f)} are too large to expand (limit degree ${MAX_EXPANDED_DEGREE}); use the factored Poincaré polynomial`);
  }
  const { twos, factors } = sphereFactors(f);
  const betti = new Array<bigint>(topDegree(f) + 1).fill(0n);
  const [first, second] = factors;
  if (first === undefined) betti[0] = 1n;
  else binomialRow(first[1]).forEach((c, i) => (betti[i * first[0]] = c));
  if (second !== undefined) {
    const [q, n] = second;
    for (let pass = 0, top = first![0] * first![1]; pass < n; pass++, top += q) {
      for (let m = top; m >= 0; m--) if (betti[m] !== 0n) betti[m + q] = betti[m + q]! + betti[m]!;
    }
  }
  const scale = BigInt(twos);
  return scale === 0n ? betti : betti.map((b) => b << scale);
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
  const { twos, factors } = sphereFactors(f);
  const parts = factors.map(([exp, n]) => `(1 + t${exp === 1 ? "" : `^${exp}`})${n === 1 ? "" : `^${n}`}`);
  if (twos > 0) parts.unshift(twos === 1 ? "2" : `2^${twos}`);
  return parts.length === 0 ? "1" : parts.join(" ");
}
