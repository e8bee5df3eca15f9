import { mod, mulMod } from "./modp.js";
import { monomialPartials } from "./monomial.js";

/**
 * ∇P(x) mod p of a polynomial given as (monomial, coefficient mod p) terms, at a
 * point x of residues: the rows the rank computations of the laws echelonise.
 * @internal
 */
export function gradientModP(terms: readonly (readonly [string, number])[], x: readonly number[], D: number): Float64Array {
  const row = new Float64Array(D);
  for (const [m, c] of terms)
    for (const { variable: v, exponent, rest } of monomialPartials(m))
      row[v] = mod(row[v]! + mulMod(mulMod(c, exponent), monomialModP(rest, x)));
  return row;
}

/** The value of a monomial at a point of residues, mod p. @internal */
export function monomialModP(m: string, x: readonly number[]): number {
  let v = 1;
  for (let i = 0; i < m.length; i++) v = mulMod(v, x[m.charCodeAt(i)]!);
  return v;
}
