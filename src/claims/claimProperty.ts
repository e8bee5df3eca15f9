import type fc from "fast-check";
import type { Claim } from "./claim.js";
import { propertyOf } from "./_internals/propertyOf.js";

/**
 * The fast-check property of a claim (always async, so that sync and async predicates
 * run alike): `await fc.assert(claimProperty(claim))` inside any test runner. Named
 * arbitraries are drawn as one `fc.record`. Like any fast-check property, it fails when
 * the predicate returns `false` or throws; {@link checkClaim} tells the two apart.
 *
 * @param claim - the claim
 * @returns its property
 * @example (await fc.check(claimProperty(rescalingIdentity), { numRuns: 10 })).failed // returns false
 */
export function claimProperty<Ts extends unknown[]>(claim: Claim<Ts>): fc.IAsyncProperty<Ts> {
  return propertyOf(claim, claim.predicate);
}
