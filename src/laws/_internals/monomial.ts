/**
 * Monomials in the parameters θ_0 … θ_{D−1}, encoded as strings: one UTF-16
 * code unit per factor (the variable's index), sorted, so x0²·x3 is
 * "\u0000\u0000\u0003". Strings make cheap, hashable Map keys, and sorting
 * them compares monomials lexicographically by variable index.
 * @internal
 */

/** The key of a monomial given by its variable indices (with repetition, any order). @internal */
export function monomialKey(vars: readonly number[]): string {
  return String.fromCharCode(...[...vars].sort((a, b) => a - b));
}

/** Product of two monomials (merge of two sorted strings). @internal */
export function monomialMul(a: string, b: string): string {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  let i = 0;
  let j = 0;
  const codes: number[] = [];
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (x <= y) {
      codes.push(x);
      i++;
    } else {
      codes.push(y);
      j++;
    }
  }
  while (i < a.length) codes.push(a.charCodeAt(i++));
  while (j < b.length) codes.push(b.charCodeAt(j++));
  return String.fromCharCode(...codes);
}

/**
 * ∂/∂θ_v of a monomial: its exponent e and the monomial with one factor θ_v
 * removed (e = 0 means the derivative vanishes).
 * @internal
 */
export function monomialDerivative(key: string, v: number): { exponent: number; rest: string } {
  const ch = String.fromCharCode(v);
  const first = key.indexOf(ch);
  if (first < 0) return { exponent: 0, rest: key };
  let last = first;
  while (last + 1 < key.length && key.charCodeAt(last + 1) === v) last++;
  return { exponent: last - first + 1, rest: key.slice(0, first) + key.slice(first + 1) };
}

/** ∂/∂θ_v of a monomial for one variable v it holds: ∂x^α = exponent · x^rest. @internal */
export interface MonomialPartial {
  variable: number;
  exponent: number;
  rest: string;
}

/**
 * Every non-zero partial derivative of a monomial, variables ascending: the
 * one walk over distinct variables that gradients, Hessians and the equations
 * of the explicit laws all start from, so the run-length logic of the key
 * lives here alone.
 * @internal
 */
export function monomialPartials(key: string): MonomialPartial[] {
  const out: MonomialPartial[] = [];
  for (let first = 0; first < key.length; ) {
    const v = key.charCodeAt(first);
    let end = first + 1;
    while (end < key.length && key.charCodeAt(end) === v) end++;
    out.push({ variable: v, exponent: end - first, rest: key.slice(0, first) + key.slice(first + 1) });
    first = end;
  }
  return out;
}

/** Distinct variables of a monomial, ascending. @internal */
export function monomialSupport(key: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (out.length === 0 || out[out.length - 1] !== c) out.push(c);
  }
  return out;
}

/** Every monomial of total degree exactly `degree` in `D` variables, in lexicographic order. @internal */
export function monomialsOfDegree(D: number, degree: number): string[] {
  const out: string[] = [];
  const codes: number[] = [];
  const rec = (start: number, left: number): void => {
    if (left === 0) {
      out.push(String.fromCharCode(...codes));
      return;
    }
    for (let v = start; v < D; v++) {
      codes.push(v);
      rec(v, left - 1);
      codes.pop();
    }
  };
  rec(0, degree);
  return out;
}

/** Number of monomials of degree exactly `degree` in `D` variables, C(D+degree−1, degree). @internal */
export function countMonomials(D: number, degree: number): number {
  let c = 1;
  for (let i = 1; i <= degree; i++) c = (c * (D + i - 1)) / i;
  return Math.round(c);
}

/** The (variable, exponent) pairs of a monomial, variables in increasing order. @internal */
export function monomialPowers(key: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < key.length; ) {
    const v = key.charCodeAt(i);
    let e = 0;
    while (i < key.length && key.charCodeAt(i) === v) {
      e++;
      i++;
    }
    out.push([v, e]);
  }
  return out;
}
