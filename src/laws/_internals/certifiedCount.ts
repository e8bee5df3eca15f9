import type { LieAlgebraRankResult } from "../lieAlgebraRank.js";

/**
 * The certified count of conservation laws, the fields `conservationLaws` and
 * `momentumLaws` report alike (bigint, as counts of laws are).
 * @internal
 */
export interface CertifiedCount {
  /** Number of functionally independent conservation laws found (= lower). */
  count: bigint;
  /** Lower bound: rank at the point of the gradients of the explicit laws. */
  lower: bigint;
  /** Upper bound: the number of coordinates minus a lower bound on the rank at the point of the fields the loss generates. */
  upper: bigint;
  /** lower = upper: the explicit laws are all the conservation laws, with nothing left. */
  certified: boolean;
}

/**
 * The count and its certificate from the two bounds: the laws found are all
 * the laws exactly when the lower bound meets the upper one, for gradient
 * flow and the momentum flow alike.
 *
 * @param lower - the number of functionally independent explicit laws
 * @param upper - the coordinates minus the rank of the generated fields
 * @returns the count (= lower), both bounds, and whether they meet
 * @internal
 */
export function certifiedCount(lower: number, upper: number): CertifiedCount {
  return { count: BigInt(lower), lower: BigInt(lower), upper: BigInt(upper), certified: lower === upper };
}

/**
 * The certified count with what certifies it: the independent laws behind
 * the lower bound, the point where both ranks are taken, and the Lie-algebra
 * (or ideal) rank behind the upper bound.
 * @internal
 */
export interface LawCertificate extends CertifiedCount {
  /** Indices in `laws` of a maximal functionally independent subset (greedy, in order). */
  independent: number[];
  /** The integer point where ranks are taken: θ0, or (θ0, v0) for the momentum flow. */
  point: bigint[];
  lie: LieAlgebraRankResult;
}
