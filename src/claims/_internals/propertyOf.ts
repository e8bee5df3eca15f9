import fc from "fast-check";
import type { Claim, PredicateResult } from "../claim.js";
import { isNamedArbitraries } from "./isNamedArbitraries.js";

/**
 * The fast-check property of a claim's arbitraries (named ones drawn as one `fc.record`)
 * around a given predicate: the claim's own for `claimProperty`, a judging wrapper for
 * `checkClaim`. Always async, so that sync and async predicates run alike.
 *
 * @internal
 */
export function propertyOf<Ts extends unknown[]>(
  claim: Claim<Ts>,
  predicate: (...args: Ts) => PredicateResult | Promise<PredicateResult>,
): fc.IAsyncProperty<Ts> {
  const arbs = isNamedArbitraries(claim.arbitraries)
    ? [fc.record(claim.arbitraries)]
    : (claim.arbitraries as unknown as fc.Arbitrary<unknown>[]);
  const run = async (...args: unknown[]): Promise<PredicateResult> => predicate(...(args as Ts));
  return (fc.asyncProperty as unknown as (...a: unknown[]) => fc.IAsyncProperty<Ts>)(...arbs, run);
}
