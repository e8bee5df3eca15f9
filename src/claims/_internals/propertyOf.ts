import fc from "fast-check";
import type { Claim, PredicateResult } from "../claim.js";
import { copyArgs } from "./copyArgs.js";
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
  const arbs = arbitrariesOf(claim);
  // the predicate gets its own copy: one that mutates its input cannot change the case kept and printed
  const run = async (...args: unknown[]): Promise<PredicateResult> => predicate(...(copyArgs(args) as Ts));
  return (fc.asyncProperty as unknown as (...a: unknown[]) => fc.IAsyncProperty<Ts>)(...arbs, run);
}

/**
 * The arbitraries a claim's property draws from, one per predicate argument (named ones as one
 * `fc.record`): `fc.tuple` of them replays a case of the property from its seed and path.
 *
 * @internal
 */
export function arbitrariesOf<Ts extends unknown[]>(claim: Claim<Ts>): fc.Arbitrary<unknown>[] {
  return isNamedArbitraries(claim.arbitraries) ? [fc.record(claim.arbitraries)] : (claim.arbitraries as unknown as fc.Arbitrary<unknown>[]);
}
