import { mod, modBig, mulMod } from "./modp.js";
import { monomialModP } from "./gradientModP.js";
import { monomialDerivative, monomialMul, monomialPartials } from "./monomial.js";
import type { IntegerPolynomial } from "../generatorPolynomials.js";

/**
 * A polynomial vector field mod p: variable → (monomial → coefficient), the
 * symbolic objects the Lie-algebra ranks bracket.
 * @internal
 */
export type Field = Map<number, Map<string, number>>;

/** Adds c·m to a polynomial mod p, dropping zero terms. @internal */
function addTo(poly: Map<string, number>, m: string, c: number): void {
  const v = mod((poly.get(m) ?? 0) + c);
  if (v === 0) poly.delete(m);
  else poly.set(m, v);
}

/** ∇P mod p as a field, component v at variable v. @internal */
export function gradientField(P: IntegerPolynomial): Field {
  const f: Field = new Map();
  for (const [m, c] of P) {
    const cm = modBig(c);
    for (const { variable: v, exponent, rest } of monomialPartials(m)) {
      let poly = f.get(v);
      if (poly === undefined) {
        poly = new Map();
        f.set(v, poly);
      }
      addTo(poly, rest, mulMod(cm, exponent));
    }
  }
  return f;
}

/** The value of a field at a point of residues, a dense row of width `width`. @internal */
export function fieldAt(f: Field, x: readonly number[], width: number): Float64Array {
  const row = new Float64Array(width);
  for (const [v, poly] of f) {
    let s = 0;
    for (const [m, c] of poly) s = mod(s + mulMod(c, monomialModP(m, x)));
    row[v] = s;
  }
  return row;
}

/** [X, Y] = (DY)X − (DX)Y, component j = Σ_i X_i ∂_i Y_j − Y_i ∂_i X_j. @internal */
export function bracket(X: Field, Y: Field): Field {
  const Z: Field = new Map();
  const accumulate = (A: Field, B: Field, sign: number): void => {
    for (const [j, Bj] of B) {
      for (const [i, Ai] of A) {
        for (const [mb, cb] of Bj) {
          const d = monomialDerivative(mb, i);
          if (d.exponent === 0) continue;
          const cd = mulMod(cb, d.exponent);
          let zj = Z.get(j);
          if (zj === undefined) {
            zj = new Map();
            Z.set(j, zj);
          }
          for (const [ma, ca] of Ai) addTo(zj, monomialMul(ma, d.rest), sign === 1 ? mulMod(ca, cd) : mod(-mulMod(ca, cd)));
        }
      }
    }
  };
  accumulate(X, Y, 1);
  accumulate(Y, X, -1);
  for (const [j, p] of Z) if (p.size === 0) Z.delete(j);
  return Z;
}

/**
 * Fields as sparse rows of their coefficients (one column per (variable,
 * monomial) pair, numbered as they first appear), to test linear
 * independence as polynomials.
 * @internal
 */
export function fieldRows(): (f: Field) => Map<number, number> {
  const columns = new Map<string, number>();
  return (f) => {
    const row = new Map<number, number>();
    for (const [v, poly] of f)
      for (const [m, c] of poly) {
        const key = `${v}|${m}`;
        let id = columns.get(key);
        if (id === undefined) {
          id = columns.size;
          columns.set(key, id);
        }
        row.set(id, c);
      }
    return row;
  };
}
