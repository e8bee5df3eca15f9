import { at } from "../scalar/at.js";
import type { RationalPolynomial } from "./explicitLaws.js";
import { monomialPowers } from "./_internals/monomial.js";

/**
 * Prints a polynomial readably with the given variable names:
 * `w11^2 + w12^2 - a1^2`, `2*w11*w21 - 1/2*a1`, terms in the canonical order.
 *
 * @param poly - the polynomial, as (monomial, coefficient) pairs
 * @param names - a name per variable
 * @returns the polynomial's text
 * @example formatLaw([["\u0000\u0000", new Fraction(1)], ["\u0001\u0001", new Fraction(-1)]], ["w11", "a1"]) // returns "w11^2 - a1^2"
 */
export function formatLaw(poly: RationalPolynomial, names: readonly string[]): string {
  if (poly.length === 0) return "0";
  let out = "";
  poly.forEach(([m, q], t) => {
    const negative = q.s < 0n && q.n !== 0n;
    const coef = q.d === 1n ? `${q.n}` : `${q.n}/${q.d}`;
    const factors = monomialPowers(m).map(([v, e]) => (e === 1 ? at(names, v) : `${at(names, v)}^${e}`));
    const body = factors.length === 0 ? coef : coef === "1" ? factors.join("*") : `${coef}*${factors.join("*")}`;
    out += t === 0 ? (negative ? `-${body}` : body) : negative ? ` - ${body}` : ` + ${body}`;
  });
  return out;
}
