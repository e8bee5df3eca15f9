import { at } from "../../scalar/at.js";
import { integerMultiple } from "../../scalar/bigintMath.js";
import type { RationalPolynomial } from "../explicitLaws.js";
import { gradientModP } from "./gradientModP.js";
import { DenseEchelonModP, modBig } from "./modp.js";

/**
 * Indices of a maximal functionally independent subset of the laws (greedy, in
 * order), by the rank mod p of their gradients at the point x (residues, n
 * coordinates); each law is scaled to integer coefficients first. The rank at a
 * point mod p never exceeds the generic rank, so this is a lower bound. @internal
 */
export function independentLaws(laws: readonly RationalPolynomial[], x: readonly number[], n: number): number[] {
  const ech = new DenseEchelonModP(n);
  const independent: number[] = [];
  laws.forEach((p, i) => {
    const coefs = integerMultiple(p.map(([, q]) => q));
    const row = gradientModP(
      p.map(([m], t) => [m, modBig(at(coefs, t))] as const),
      x,
      n,
    );
    if (ech.add(row)) independent.push(i);
  });
  return independent;
}
