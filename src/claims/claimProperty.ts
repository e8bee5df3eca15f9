import fc from "fast-check";
import type { Claim } from "./claim.js";

/**
 * The fast-check property of a claim (always async, so that sync and async predicates
 * run alike): `await fc.assert(claimProperty(claim))` inside any test runner.
 */
export function claimProperty<Ts extends unknown[]>(claim: Claim<Ts>): fc.IAsyncProperty<Ts> {
  const arbs = claim.arbitraries as unknown as fc.Arbitrary<unknown>[];
  const run = async (...args: unknown[]): Promise<boolean | void> => claim.predicate(...(args as Ts));
  return (fc.asyncProperty as unknown as (...a: unknown[]) => fc.IAsyncProperty<Ts>)(...arbs, run);
}
