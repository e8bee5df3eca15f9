import { sphereFactors } from "./_internals/sphereFactors.js";
import type { PoincareFactors } from "./poincareFactors.js";

/**
 * Prints the factored form, e.g. "(1 + t^2)^3 (1 + t)^2", or "2^5 (1 + t^2)^3" when a sphere is S⁰.
 *
 * @param f - the factored Poincaré polynomial
 * @returns its text, "1" when there is no factor
 * @example formatFactors({ p: 2, nPositive: 3, q: 0, nNegative: 5 }) // returns "2^5 (1 + t^2)^3"
 */
export function formatFactors(f: PoincareFactors): string {
  const { twos, factors } = sphereFactors(f);
  const parts = factors.map(([exp, n]) => `(1 + t${exp === 1 ? "" : `^${exp}`})${n === 1 ? "" : `^${n}`}`);
  if (twos > 0) parts.unshift(twos === 1 ? "2" : `2^${twos}`);
  return parts.length === 0 ? "1" : parts.join(" ");
}
