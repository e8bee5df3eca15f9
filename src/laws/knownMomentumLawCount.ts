import { activationSlopes } from "./activationSlopes.js";
import type { LawArchitecture } from "./lawArchitecture.js";
import type { KnownLawCount } from "./knownLawCount.js";

/**
 * The number of independent conservation laws h(t, θ, v) of the momentum flow
 * in closed form for two-layer nets, or undefined (docs/theory.md §7.1).
 *
 * - Two slopes (relu, leaky_relu, abs): none (Marcotte, Gribonval, Peyré,
 *   ICML 2024: no conservation law of ReLU networks survives momentum; the
 *   generators are the same path products for every two-slope activation).
 * - Linear, r hidden neurons, m = d_in + e (d_in counts the hidden bias): the
 *   entries of the r × r antisymmetric matrix e^t·(W̃1 W̃1'ᵀ − W̃1' W̃1ᵀ +
 *   W2ᵀW2' − W2'ᵀW2) (' = velocity), the Noether charges of the rotations
 *   W̃1 → QW̃1, W2 → W2Qᵀ. It has rank ≤ 2m, so there are r(r−1)/2 of them
 *   when r ≤ 2m + 1 and m(2r − 2m − 1) (the dimension of the antisymmetric
 *   matrices of rank ≤ 2m) beyond. With d_in = e = 1 the model is the bilinear
 *   form wᵀa = (|w+a|² − |w−a|²)/4, invariant under rotating w + a and w − a
 *   apart: two such matrices of rank ≤ 2, 2(2r − 3) laws for r ≥ 2.
 *
 * @param arch - the architecture
 * @returns the count and where it comes from, or undefined when no closed form is known
 * @example knownMomentumLawCount(lawArchitecture([2, 3, 1])).count // returns 0n
 */
export function knownMomentumLawCount(arch: LawArchitecture): KnownLawCount | undefined {
  const w = arch.widths;
  if (w.length !== 3) return undefined;
  if (activationSlopes(arch.activation).length > 1)
    return { count: 0n, reason: "no conservation law survives momentum with two slopes (Marcotte et al. 2024)" };
  const [d, h, out] = w;
  const r = BigInt(h);
  const din = BigInt(d + (arch.bias ? 1 : 0));
  const e = BigInt(out);
  const skew = (k: bigint): bigint => (r <= 2n * k + 1n ? (r * (r - 1n)) / 2n : k * (2n * r - 2n * k - 1n));
  if (din === 1n && e === 1n)
    return {
      count: 2n * skew(1n),
      reason: "d_in = e = 1: rotations of w + a and of w − a apart, two antisymmetric charges of rank ≤ 2",
    };
  const m = din + e;
  return {
    count: skew(m),
    reason:
      r <= 2n * m + 1n
        ? `the r(r−1)/2 entries of the antisymmetric rotation charge (r = ${r} ≤ 2(d_in + e) + 1 = ${2n * m + 1n})`
        : `the rotation charge has rank ≤ 2(d_in + e) = ${2n * m} < r = ${r}: m(2r − 2m − 1) independent entries`,
  };
}
