/**
 * The closed form of I_x(A/2, B/2) as a template that depends only on (A, B):
 * polynomials in x and y = 1 − x with rational coefficients, multiplied by
 * nothing, √x, √y or √(xy)/π, plus (2/π)·arctan √(x/y) when A and B are both
 * odd (derivation in closedFormParts.ts). A table row with fixed (d_in, e)
 * builds the template once; each ρ then costs a few BigInt products and no
 * gcd, since x = Q/S and y = P/S put every monomial over a power of S.
 * @internal
 */
import { at } from "../../scalar/at.js";
import { betaHalf } from "./halfInteger.js";
import { gcd, lcm, numerator, rational } from "../../scalar/bigintMath.js";
import type { Rational } from "../../scalar/exact.js";

/** Σ coef·x^i·y^j, as integer coefficients over one common denominator. */
export interface Polynomial {
  /** monomials: integer coefficient (over `denominator`), power of x, power of y */
  terms: Array<{ coef: bigint; i: number; j: number }>;
  denominator: bigint;
  /** largest i + j */
  degree: number;
}

export interface ClosedFormTemplate {
  A: number;
  B: number;
  constant: Polynomial;
  /** which square root multiplies `sqrtPoly` */
  root: "none" | "x" | "y" | "xy";
  sqrtPoly: Polynomial;
  /** the √(xy) term is over π and (2/π)·arctan √(x/y) is added */
  arctan: boolean;
}

/**
 * The sequence c_k = first·Π_{i<k} num_i/den_i (k < count) as integers over
 * one common denominator first.den·Π den_i, by prefix products of the
 * numerators and suffix products of the denominators: no gcd of the large
 * numbers involved (thousands of digits when d_in is in the thousands).
 */
function ratioSequence(first: Rational, count: number, ratio: (i: number) => [number, number]): { coefs: bigint[]; denominator: bigint } {
  if (count <= 0) return { coefs: [], denominator: 1n };
  const ratios = Array.from({ length: count - 1 }, (_, i) => ratio(i));
  // suffix[k] = Π_{i ≥ k} den_i, built from the end; the whole product is suffix[0].
  let tail = 1n;
  const suffix = [tail];
  for (const [, d] of [...ratios].reverse()) {
    tail *= BigInt(d);
    suffix.push(tail);
  }
  suffix.reverse();
  let prefix = numerator(first);
  const coefs = suffix.map((s, k) => {
    const c = prefix * s;
    const r = ratios[k]; // the last coefficient has no ratio after it
    if (r !== undefined) prefix *= BigInt(r[0]);
    return c;
  });
  return { coefs, denominator: first.d * tail };
}

/** Monomials with integer coefficients over per-group denominators, put over one denominator. */
function polynomial(
  groups: Array<{ coefs: bigint[]; denominator: bigint; sign: 1n | -1n; i: (k: number) => number; j: (k: number) => number }>,
): Polynomial {
  const live = groups.filter((g) => g.coefs.length > 0);
  const denominator = live.reduce((l, g) => lcm(l, g.denominator), 1n);
  const terms = live.flatMap((g) => g.coefs.map((c, k) => ({ coef: g.sign * c * (denominator / g.denominator), i: g.i(k), j: g.j(k) })));
  // one common factor out of everything keeps each later evaluation small (the template is cached)
  let common = denominator;
  for (const m of terms) {
    if (common === 1n) break;
    common = gcd(common, m.coef);
  }
  if (common > 1n) for (const m of terms) m.coef /= common;
  return { terms, denominator: denominator / common, degree: terms.reduce((d, m) => Math.max(d, m.i + m.j), 0) };
}

/** (c/2)_k/k! for k < count: first 1, ratio (c + 2k)/(2(k + 1)). */
function pochhammerOverFactorial(c: number, count: number): { coefs: bigint[]; denominator: bigint } {
  return ratioSequence(rational(1), count, (k) => [c + 2 * k, 2 * (k + 1)]);
}

const cache = new Map<string, ClosedFormTemplate>();

/** The template of I_x(A/2, B/2), cached. @internal */
export function closedFormTemplate(A: number, B: number): ClosedFormTemplate {
  const key = `${A},${B}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const empty = polynomial([]);
  let t: ClosedFormTemplate;
  if (B % 2 === 0) {
    // x^(A/2) Σ_{k<B/2} (A/2)_k/k! y^k
    const h = Math.floor(A / 2);
    const poly = polynomial([{ ...pochhammerOverFactorial(A, B / 2), sign: 1n, i: () => h, j: (k) => k }]);
    t =
      A % 2 === 0
        ? { A, B, constant: poly, root: "none", sqrtPoly: empty, arctan: false }
        : { A, B, constant: empty, root: "x", sqrtPoly: poly, arctan: false };
  } else if (A % 2 === 0) {
    // 1 − √y · y^((B−1)/2) Σ_{k<A/2} (B/2)_k/k! x^k
    const h = (B - 1) / 2;
    const poly = polynomial([{ ...pochhammerOverFactorial(B, A / 2), sign: -1n, i: (k) => k, j: () => h }]);
    t = {
      A,
      B,
      constant: polynomial([{ coefs: [1n], denominator: 1n, sign: 1n, i: () => 0, j: () => 0 }]),
      root: "y",
      sqrtPoly: poly,
      arctan: false,
    };
  } else {
    // (2/π) arctan √(x/y) + (√(xy)/π)·[Σ_{m<j} γ_m y^m − Σ_{k<i} δ_k x^k y^j] with B(1/2+k, 1/2+m) = π·g(k)g(m)/(k+m)!,
    // g(k) = Γ(1/2+k)/√π: γ_m = 1/((1/2+m)·B(1/2, 1/2+m)/π), δ_k = 1/((1/2+k)·B(1/2+k, 1/2+j)/π).
    // Both by their term ratios (g(k+1) = (k + 1/2) g(k)): γ_0 = 2, γ_{m+1}/γ_m = 2(m+1)/(2m+3);
    // δ_0 = 1/((1/2)·B(1/2, 1/2+j)/π), δ_{k+1}/δ_k = 2(k+j+1)/(2k+3).
    const i = (A - 1) / 2;
    const j = (B - 1) / 2;
    const gamma = ratioSequence(rational(2), j, (m) => [2 * (m + 1), 2 * m + 3]);
    const delta = ratioSequence(betaHalf(1, B).ratio.mul(1, 2).inverse(), i, (k) => [2 * (k + j + 1), 2 * k + 3]);
    const sqrtPoly = polynomial([
      { ...gamma, sign: 1n, i: () => 0, j: (m) => m },
      { ...delta, sign: -1n, i: (k) => k, j: () => j },
    ]);
    t = { A, B, constant: empty, root: "xy", sqrtPoly, arctan: true };
  }
  if (cache.size > 4096) cache.clear();
  cache.set(key, t);
  return t;
}

/** Powers z^0…z^n of a BigInt. */
function powers(z: bigint, n: number): bigint[] {
  const out = [1n];
  let p = 1n;
  for (let k = 1; k <= n; k++) {
    p *= z;
    out.push(p);
  }
  return out;
}

/** A polynomial at x = Q/S, y = P/S as an unreduced fraction (numerator, denominator > 0). @internal */
export function evaluatePolynomial(poly: Polynomial, Q: bigint, P: bigint, S: bigint): readonly [numerator: bigint, denominator: bigint] {
  if (poly.terms.length === 0) return [0n, 1n];
  const maxI = poly.terms.reduce((d, m) => Math.max(d, m.i), 0);
  const maxJ = poly.terms.reduce((d, m) => Math.max(d, m.j), 0);
  const qp = powers(Q, maxI);
  const pp = powers(P, maxJ);
  const sp = powers(S, poly.degree);
  let num = 0n;
  for (const m of poly.terms) num += m.coef * at(qp, m.i) * at(pp, m.j) * at(sp, poly.degree - m.i - m.j);
  return [num, poly.denominator * at(sp, poly.degree)];
}
