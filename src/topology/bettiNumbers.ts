import { InputError } from "../errors.js";
import { sphereFactors } from "./_internals/sphereFactors.js";
import { binomialRow } from "./binomialRow.js";
import { canExpand, MAX_EXPANDED_DEGREE, MAX_EXPANDED_WORK } from "./canExpand.js";
import type { PoincareFactors } from "./poincareFactors.js";
import { topDegree } from "./topDegree.js";
import { at } from "../scalar/at.js";

/**
 * The Betti numbers b_0 … b_top of H(c), exact in BigInt: the factor with the
 * larger power is a binomial row placed on multiples of its exponent, the
 * other is applied as that many "add a copy shifted by q" passes, and the
 * S⁰ factors multiply everything by 2^{twos} (a shift).
 *
 * @param f - the factored Poincaré polynomial
 * @returns b_0 … b_top
 * @throws InputError when the expansion exceeds {@link MAX_EXPANDED_DEGREE} or {@link MAX_EXPANDED_WORK}
 * @example bettiNumbers(poincareFactors({ negative: 2, zero: 0, positive: 0 }, { dIn: 3, e: 3 })) // returns [1n, 0n, 2n, 0n, 1n]
 */
export function bettiNumbers(f: PoincareFactors): bigint[] {
  if (!canExpand(f)) {
    throw new InputError({
      field: "Poincaré polynomial",
      expected: `small enough to expand into Betti numbers (top degree at most ${MAX_EXPANDED_DEGREE})`,
      value: `top degree ${topDegree(f)}`,
      note: "Use the factored Poincaré polynomial.",
    });
  }
  const { twos, factors } = sphereFactors(f);
  const betti = new Array<bigint>(topDegree(f) + 1).fill(0n);
  const [first, second] = factors;
  if (first === undefined) betti[0] = 1n;
  else for (const [i, c] of binomialRow(first[1]).entries()) betti[i * first[0]] = c;
  if (second !== undefined) {
    const [q, n] = second;
    for (let pass = 0, top = first![0] * first![1]; pass < n; pass++, top += q) {
      for (let m = top; m >= 0; m--) if (betti[m] !== 0n) betti[m + q] = at(betti, m + q) + at(betti, m);
    }
  }
  const scale = BigInt(twos);
  return scale === 0n ? betti : betti.map((b) => b << scale);
}
