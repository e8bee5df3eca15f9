import type { Fixed } from "../../src/scalar/fixedPoint.js";

/**
 * The exact sign of the fixed-point polynomial g(τ) = Σ_q c_q·2^−P·τ^q at the grid point τ = X·2^−P,
 * term by term in integers (g·2^{P(n+1)} = Σ_q c_q·X^q·2^{P(n−q)}): the oracle the event scan's tests
 * hold its answers to.
 */
export function exactGridSign(F: Fixed, c: readonly bigint[], X: bigint): number {
  let sum = 0n;
  let power = 1n;
  for (const [q, v] of c.entries()) {
    sum += v * power * (1n << (F.bigP * BigInt(c.length - 1 - q)));
    power *= X;
  }
  return sum > 0n ? 1 : sum < 0n ? -1 : 0;
}
