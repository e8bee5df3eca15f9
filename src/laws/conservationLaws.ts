import { independentLaws } from "./_internals/independentLaws.js";
import { randomLawPoint } from "./_internals/randomLawPoint.js";
import { certifiedCount, type LawCertificate } from "./_internals/certifiedCount.js";
import { lawOptions } from "./_internals/lawOptions.js";
import type { LawArchitecture } from "./lawArchitecture.js";
import { parameterNames } from "./parameterNames.js";
import { parameterCount } from "./parameterCount.js";
import { explicitLaws, type RationalPolynomial } from "./explicitLaws.js";
import { formatLaw } from "./formatLaw.js";
import { generatorPolynomials } from "./generatorPolynomials.js";
import { lieAlgebraRank } from "./lieAlgebraRank.js";
import { modBig } from "./_internals/modp.js";

/** Options of {@link conservationLaws}. */
export interface ConservationLawsOptions {
  /** Largest degree of the explicit laws (default 2). */
  degree?: number;
  /** Seed of the random point θ0 and of the generator order (default 1). */
  seed?: number;
  /** Told the fraction of the stages done (explicit laws, their independence, the Lie algebra's rank) after each: a progress bar. */
  onProgress?: ((fraction: number) => void) | undefined;
}

/** A law: its exact terms (monomial key → rational) and its text. */
export interface Law {
  polynomial: RationalPolynomial;
  text: string;
}

/** The result of {@link conservationLaws}; counts are bigint. */
export interface ConservationLawsReport extends LawCertificate {
  architecture: LawArchitecture;
  /** D, the number of parameters. */
  parameters: number;
  /** Parameter names in θ order (see `parameterNames`). */
  names: string[];
  degree: number;
  /** Dimension of the space of polynomial laws of degree 1…k (products of laws included). */
  polynomialDimension: bigint;
  /** A basis of that space in reduced row echelon form. */
  laws: Law[];
}

/**
 * Discovers the polynomial conservation laws of degree ≤ k of an architecture
 * exactly over Q and certifies their number.
 *
 * Lower bound: the laws' gradients at θ0 (their rank mod p at θ0 is at most
 * their generic rank, the number of functionally independent laws). Upper
 * bound: D − (a lower bound on the dimension of Lie(W)(θ0)), see
 * `lieAlgebraRank`. When they meet, the count is exact and the explicit laws
 * are complete (Marcotte, Gribonval, Peyré 2023: the number of independent
 * conservation laws is D − dim Lie(W)(θ) near a generic θ).
 *
 * @example conservationLaws(lawArchitecture([3, 4, 1])).laws[0].text // returns "w11^2 + w12^2 + w13^2 - a1^2"
 */
export function conservationLaws(arch: LawArchitecture, options: ConservationLawsOptions = {}): ConservationLawsReport {
  const { degree, seed } = lawOptions(options);
  const D = parameterCount(arch);
  const names = parameterNames(arch);
  const generators = generatorPolynomials(arch);
  const polys = explicitLaws(D, generators, degree);
  options.onProgress?.(1 / 3);
  const point = randomLawPoint(D, `laws/point/seed=${seed}`);
  const x = point.map(modBig);
  // Greedy functionally independent subset, by the gradients at θ0.
  const independent = independentLaws(polys, x, D);
  options.onProgress?.(2 / 3);
  const lower = independent.length;
  const lie = lieAlgebraRank(generators, point, { target: D - lower, seed });
  options.onProgress?.(1);
  const upper = D - lie.rank;
  return {
    architecture: arch,
    parameters: D,
    names,
    degree,
    ...certifiedCount(lower, upper),
    polynomialDimension: BigInt(polys.length),
    laws: polys.map((p) => ({ polynomial: p, text: formatLaw(p, names) })),
    independent,
    point,
    lie,
  };
}
