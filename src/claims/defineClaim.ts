import { claimProblem } from "./_internals/claimProblem.js";
import type { Claim, NamedArgsClaim } from "./claim.js";

/**
 * Checks the shape of a claim and returns it, typed: `defineClaim({ name, statement,
 * tag, arbitraries: [arbProblem()], predicate: ({ net, data }) => … })` infers the
 * predicate's argument types from the arbitraries; with named arbitraries,
 * `defineClaim({ …, arbitraries: { net: arbNetwork(), lr: lrArb }, predicate: ({ net, lr }) => … })`.
 *
 * @param claim - the claim
 * @returns the same claim
 * @throws Error naming the field when the claim is malformed
 * @example defineClaim({ name: "n", statement: "s", tag: "theorem", arbitraries: { n: fc.nat() }, predicate: ({ n }) => n >= 0 }).name // returns "n"
 */
export function defineClaim<Ts extends unknown[]>(claim: Claim<Ts>): Claim<Ts>;
export function defineClaim<R extends Record<string, unknown>>(claim: NamedArgsClaim<R>): Claim<[R]>;
export function defineClaim(claim: object): Claim | Claim<[Record<string, unknown>]> {
  const problem = claimProblem(claim);
  if (problem !== undefined) throw new Error(`defineClaim: ${problem}`);
  return claim as Claim;
}
