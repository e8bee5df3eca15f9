import type { LawArchitecture } from "./lawArchitecture.js";
import { activationSlopes } from "./activationSlopes.js";

/** A count of conservation laws known in closed form, and why. */
export interface KnownLawCount {
  count: bigint;
  reason: string;
}

/**
 * The number of independent conservation laws where the literature gives it
 * in closed form (Marcotte, Gribonval, Peyré 2023), or undefined.
 *
 * - Two slopes (relu, leaky_relu, abs), any depth: one law per hidden neuron,
 *   ‖incoming weights‖² − ‖outgoing weights‖² (proved for one hidden layer).
 * - Linear, one hidden layer of width r: the entries of M = W̃1W̃1ᵀ − W2ᵀW2
 *   (W̃1 with the hidden bias as a column). M is symmetric r × r of rank at
 *   most m = d_in + e (d_in counts the bias), so when r ≤ m all r(r+1)/2
 *   entries are independent, and when r > m they are tied by the vanishing
 *   (m+1)-minors: the count is the dimension of the symmetric matrices of
 *   rank ≤ m, r·m − m(m−1)/2 (d = e = 1, r = 3: 5, not 6).
 *
 * @param arch - the architecture
 * @returns the count and where it comes from, or undefined when no closed form is known
 *
 * @example String(knownLawCount(lawArchitecture([1, 3, 1], { activation: "linear" }))?.count) // returns "5"
 */
export function knownLawCount(arch: LawArchitecture): KnownLawCount | undefined {
  const w = arch.widths;
  const hidden = w.slice(1, -1);
  if (activationSlopes(arch.activation).length > 1) {
    const count = hidden.reduce((s, h) => s + BigInt(h), 0n);
    return { count, reason: "one law per hidden neuron: incoming minus outgoing squared norm" };
  }
  if (w.length !== 3) return undefined;
  const [d, h, e] = w;
  const r = BigInt(h);
  const m = BigInt(d + (arch.bias ? 1 : 0) + e);
  if (r <= m) return { count: (r * (r + 1n)) / 2n, reason: `all r(r+1)/2 entries of W1W1ᵀ − W2ᵀW2 (r = ${r} ≤ d_in + e = ${m})` };
  return {
    count: r * m - (m * (m - 1n)) / 2n,
    reason: `W1W1ᵀ − W2ᵀW2 has rank ≤ d_in + e = ${m} < r = ${r}: its minors of size ${m + 1n} vanish, leaving r·m − m(m−1)/2 independent entries`,
  };
}
