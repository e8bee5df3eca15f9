import { at } from "../scalar/at.js";
import { InputError } from "../errors.js";
import type { IntegerPolynomial } from "./generatorPolynomials.js";
import { MAX_UNKNOWNS, type RationalPolynomial } from "./explicitLaws.js";
import { compareMonomials } from "./compareMonomials.js";
import { blockNullspace, type SparseRow } from "./_internals/blockNullspace.js";
import { rrefExact } from "./_internals/exactLinearAlgebra.js";
import { countMonomials, monomialMul, monomialPartials, monomialsOfDegree } from "./_internals/monomial.js";

/** A law e^{a·t}·P(θ, v) of the momentum flow: the exponent a (= the degree of P in v) and P. */
export interface MomentumLaw {
  velocityDegree: number;
  polynomial: RationalPolynomial;
}

/**
 * A basis of the laws h = e^{a t}·P(θ, v) of the momentum flow θ' = v,
 * v' = −v − ∇L(θ) (γ = 1) with P a polynomial of total degree 1 … `degree`,
 * homogeneous of degree a ≥ 1 in v. Exact over Q, each block in reduced row
 * echelon form.
 *
 * Why these conditions: along the flow, dh/dt = e^{at}(a·P + v·∇_θP −
 * v·∇_vP − ∇L·∇_vP), and v·∇_vP = a·P (Euler), so h is conserved for every
 * loss exactly when v·∇_θP ≡ 0 and ∇P_g(θ)·∇_vP ≡ 0 for every generator P_g
 * (the loss gradients span the ∇P_g with arbitrary coefficients). Both are
 * linear in the unknown coefficients of P and keep the v-degree apart, so
 * each a is a block (and each total degree, when the generators are
 * homogeneous of one degree); every block is solved by `blockNullspace`
 * (mod p, lifted, verified in exact integers). a = 0 gives only constants.
 *
 * @param D - number of parameters; the variables are θ (0 … D−1) then v (D … 2D−1)
 * @param generators - the polynomials P_g (see `generatorPolynomials`)
 * @param degree - the largest total degree k ≥ 1
 * @returns the laws, grouped by a then total degree
 * @throws InputError when the degree is not a positive integer or leaves too many unknowns
 */
export function momentumExplicitLaws(D: number, generators: readonly IntegerPolynomial[], degree: number): MomentumLaw[] {
  if (!Number.isInteger(degree) || degree < 1)
    throw new InputError({ field: "degree", expected: "a positive integer", value: String(degree) });
  let unknowns = 0;
  for (let a = 1; a <= degree; a++) unknowns += countMonomials(2 * D, a);
  if (unknowns > MAX_UNKNOWNS)
    throw new InputError({
      field: "degree",
      expected: `a degree that leaves at most ${MAX_UNKNOWNS} unknown coefficients`,
      value: String(degree),
      note: `Degree ${degree} in ${2 * D} phase-space variables has ${unknowns}.`,
    });
  const degrees = new Set(generators.flatMap((g) => [...g.keys()].map((k) => k.length)));
  const homogeneous = degrees.size <= 1;
  // Terms of ∂_i P_g per generator, the i-th v entering through ∂_{v_i}.
  const gradients = generators.map((g) => {
    const terms: Array<{ i: number; rest: string; coef: number }> = [];
    for (const [m, c] of g) for (const d of monomialPartials(m)) terms.push({ i: d.variable, rest: d.rest, coef: Number(c) * d.exponent });
    return terms;
  });
  const blocks = new Map<string, string[]>();
  for (let d = 1; d <= degree; d++)
    for (const m of monomialsOfDegree(2 * D, d)) {
      let a = 0;
      for (let s = 0; s < m.length; s++) if (m.charCodeAt(s) >= D) a++;
      if (a === 0) continue;
      const key = homogeneous ? `${a}:${d}` : `${a}`;
      let b = blocks.get(key);
      if (b === undefined) {
        b = [];
        blocks.set(key, b);
      }
      b.push(m);
    }
  const out: MomentumLaw[] = [];
  for (const [key, monos] of blocks) {
    const a = Number(key.split(":")[0]);
    monos.sort(compareMonomials);
    const equations = new Map<string, SparseRow>();
    const add = (eq: string, col: number, coef: number): void => {
      let r = equations.get(eq);
      if (r === undefined) {
        r = { cols: [], coefs: [] };
        equations.set(eq, r);
      }
      r.cols.push(col);
      r.coefs.push(coef);
    };
    monos.forEach((m, col) => {
      for (const d of monomialPartials(m)) {
        const v = d.variable;
        if (v < D) add(`E|${monomialMul(d.rest, String.fromCharCode(D + v))}`, col, d.exponent);
        else
          gradients.forEach((terms, g) => {
            for (const t of terms) if (t.i === v - D) add(`${g}|${monomialMul(d.rest, t.rest)}`, col, d.exponent * t.coef);
          });
      }
    });
    let fed = false;
    const basis = blockNullspace(monos.length, () => {
      if (fed) return undefined;
      fed = true;
      return [...equations.values()];
    });
    if (basis.length === 0) continue;
    for (const r of rrefExact(basis, monos.length).rows) {
      const polynomial: RationalPolynomial = [];
      r.forEach((q, c) => {
        if (q.n !== 0n) polynomial.push([at(monos, c), q]);
      });
      out.push({ velocityDegree: a, polynomial });
    }
  }
  return out;
}
