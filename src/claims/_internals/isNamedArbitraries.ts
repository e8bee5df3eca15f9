import type fc from "fast-check";
import { isArbitrary } from "./isArbitrary.js";

/** @internal True for the record form of {@link ClaimArbitraries} (named arbitraries). */
export function isNamedArbitraries(arbitraries: unknown): arbitraries is Record<string, fc.Arbitrary<unknown>> {
  return arbitraries !== null && typeof arbitraries === "object" && !Array.isArray(arbitraries) && !isArbitrary(arbitraries);
}
