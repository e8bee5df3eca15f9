import fc from "fast-check";
import { isNamedArbitraries, type Claim } from "./claim.js";

/**
 * The fast-check property of a claim (always async, so that sync and async predicates
 * run alike): `await fc.assert(claimProperty(claim))` inside any test runner. Named
 * arbitraries are drawn as one `fc.record`. Like any fast-check property, it fails when
 * the predicate returns `false` or throws; {@link checkClaim} tells the two apart.
 *
 * @param claim - the claim
 * @returns its property
 * @example await fc.assert(claimProperty(rescalingIdentity), { numRuns: 10 }) // returns undefined
 */
export function claimProperty<Ts extends unknown[]>(claim: Claim<Ts>): fc.IAsyncProperty<Ts> {
  return propertyOf(claim, claim.predicate);
}

/** @internal The property of a claim's arbitraries with another predicate in place of its own. */
export function propertyOf<Ts extends unknown[]>(claim: Claim<Ts>, predicate: (...args: Ts) => boolean | void | Promise<boolean | void>): fc.IAsyncProperty<Ts> {
  const arbs = isNamedArbitraries(claim.arbitraries) ? [fc.record(claim.arbitraries)] : (claim.arbitraries as unknown as fc.Arbitrary<unknown>[]);
  const run = async (...args: unknown[]): Promise<boolean | void> => predicate(...(args as Ts));
  return (fc.asyncProperty as unknown as (...a: unknown[]) => fc.IAsyncProperty<Ts>)(...arbs, run);
}
