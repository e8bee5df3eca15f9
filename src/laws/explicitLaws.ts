import { InputError } from "../errors.js";
import { at } from "../scalar/at.js";
import type { IntegerPolynomial } from "./generatorPolynomials.js";
import { blockNullspace, type SparseRow } from "./_internals/blockNullspace.js";
import { countMonomials, monomialMul, monomialPartials, monomialSupport, monomialsOfDegree } from "./_internals/monomial.js";
import type { Rational } from "../scalar/exact.js";
import { rrefExact } from "./_internals/exactLinearAlgebra.js";
import { sparseBasis } from "./_internals/sparseBasis.js";
import { compareMonomials } from "./compareMonomials.js";

/** One polynomial law: monomial key → exact rational coefficient (fraction.js), in the canonical monomial order. */
export type RationalPolynomial = Array<[monomial: string, coefficient: Rational]>;

/** Largest number of unknown coefficients {@link explicitLaws} accepts. */
export const MAX_UNKNOWNS = 3_000_000;

/**
 * A basis of every polynomial h(θ) of degree 1 … `degree` (constants excluded:
 * they are trivially conserved) with ∇h·∇P_g ≡ 0 for every generator P_g —
 * the conservation laws of degree ≤ k. Exact over Q, in reduced row echelon
 * form, made sparser (see below).
 *
 * ∇h·∇P_g is a polynomial; all its coefficients vanishing is a linear system in
 * the unknown coefficients of h. The system splits into independent blocks:
 * by total degree when every P_g is homogeneous, and always by the class of
 * the exponent vector mod 2 modulo the differences of exponent vectors inside
 * each generator (x^α meets ∂_j P only at x^{α+β−2e_j}, whose parity is α+β
 * for every j, so an equation only links unknowns of one class). Each block is
 * solved by {@link blockNullspace}. The basis is the reduced echelon one
 * (in {@link compareMonomials} order), then traded for a sparser basis of the same
 * space (see `_internals/sparseBasis.ts`): for two-layer nets nothing
 * changes and c_k come out as themselves; for deeper nets this separates the
 * per-neuron laws that every echelon form mixes.
 *
 * @param D - number of parameters
 * @param generators - the polynomials P_g (see `generatorPolynomials`)
 * @param degree - the largest total degree k ≥ 1
 * @throws InputError when the number of unknown coefficients exceeds {@link MAX_UNKNOWNS}
 */
export function explicitLaws(D: number, generators: readonly IntegerPolynomial[], degree: number): RationalPolynomial[] {
  if (!Number.isInteger(degree) || degree < 1)
    throw new InputError({ field: "degree", expected: "a positive integer", value: String(degree) });
  let unknowns = 0;
  for (let a = 1; a <= degree; a++) unknowns += countMonomials(D, a);
  if (unknowns > MAX_UNKNOWNS)
    throw new InputError({
      field: "degree",
      expected: `a degree that leaves at most ${MAX_UNKNOWNS} unknown coefficients`,
      value: String(degree),
      note: `Degree ${degree} in ${D} parameters has ${unknowns}.`,
    });

  const homogeneous = generators.every((g) => {
    const lens = new Set([...g.keys()].map((k) => k.length));
    return lens.size <= 1;
  });
  const classOf = parityClassifier(D, generators);
  // Blocks of unknowns, keyed by degree (when homogeneous) and parity class.
  const byDegree = new Map<number, Map<number, string[]>>();
  for (let a = 1; a <= degree; a++) {
    const key = homogeneous ? a : 0;
    let classes = byDegree.get(key);
    if (classes === undefined) {
      classes = new Map();
      byDegree.set(key, classes);
    }
    for (const m of monomialsOfDegree(D, a)) {
      const c = classOf(m);
      let b = classes.get(c);
      if (b === undefined) {
        b = [];
        classes.set(c, b);
      }
      b.push(m);
    }
  }
  const blocks = [...byDegree.values()].flatMap((classes) => [...classes.values()]);
  // Which generators involve each variable.
  const gensByVar: number[][] = Array.from({ length: D }, () => []);
  generators.forEach((g, gi) => {
    const vs = new Set<number>();
    for (const k of g.keys()) for (const v of monomialSupport(k)) vs.add(v);
    for (const v of vs) at(gensByVar, v).push(gi);
  });
  const stamp = new Int32Array(generators.length).fill(-1);
  const laws: RationalPolynomial[] = [];
  let blockId = 0;
  for (const monos of blocks) {
    blockId++;
    monos.sort(compareMonomials);
    const n = monos.length;
    // Per variable j, the unknowns x^α with j in α and their ∂_j x^α = e·x^rest.
    const colsByVar = new Map<number, BlockDerivative[]>();
    monos.forEach((m, c) => {
      for (const { variable: v, exponent, rest } of monomialPartials(m)) {
        let l = colsByVar.get(v);
        if (l === undefined) {
          l = [];
          colsByVar.set(v, l);
        }
        l.push({ col: c, exponent, rest });
      }
    });
    // The generators of each variable of the block in turn, each generator once per block.
    const lists = [...colsByVar.keys()].map((v) => at(gensByVar, v));
    let vi = 0;
    let gi = 0;
    const nextRows = (): SparseRow[] | undefined => {
      for (let list = lists[vi]; list !== undefined; list = lists[vi]) {
        const g = list[gi++];
        if (g === undefined) {
          vi++;
          gi = 0;
        } else if (stamp[g] !== blockId) {
          stamp[g] = blockId;
          return rowsOf(at(generators, g), colsByVar);
        }
      }
      return undefined;
    };
    const basis = blockNullspace(n, nextRows);
    if (basis.length === 0) continue;
    const { rows, pivots } = rrefExact(basis, n);
    for (const r of sparseBasis(rows, pivots)) {
      const law: RationalPolynomial = [];
      r.forEach((q, c) => {
        if (q.n !== 0n) law.push([at(monos, c), q]);
      });
      laws.push(law);
    }
  }
  laws.sort((a, b) => compareMonomials(leadingMonomial(a), leadingMonomial(b)));
  return laws;
}

/** The first monomial of a law (a law is never empty: it has a leading coefficient 1). */
function leadingMonomial(law: RationalPolynomial): string {
  return at(law, 0)[0];
}

/** An unknown x^α of a block and its derivative along one variable. */
interface BlockDerivative {
  col: number;
  exponent: number;
  rest: string;
}

/** Equations ∇x^α·∇P = 0, one row per output monomial, over the block's unknowns x^α. */
function rowsOf(P: IntegerPolynomial, colsByVar: Map<number, BlockDerivative[]>): SparseRow[] {
  const rows = new Map<string, Map<number, number>>();
  for (const [beta, cb] of P) {
    for (const db of monomialPartials(beta)) {
      const cols = colsByVar.get(db.variable);
      if (cols === undefined) continue;
      const scale = db.exponent * Number(cb);
      for (const da of cols) {
        const out = monomialMul(da.rest, db.rest);
        let row = rows.get(out);
        if (row === undefined) {
          row = new Map();
          rows.set(out, row);
        }
        row.set(da.col, (row.get(da.col) ?? 0) + da.exponent * scale);
      }
    }
  }
  const out: SparseRow[] = [];
  for (const row of rows.values()) {
    const cols: number[] = [];
    const coefs: number[] = [];
    for (const [c, v] of row)
      if (v !== 0) {
        cols.push(c);
        coefs.push(v);
      }
    if (cols.length > 0) out.push({ cols, coefs });
  }
  return out;
}

/**
 * The block label of a monomial: a hash of its exponent vector mod 2, reduced modulo the
 * GF(2) span of the differences of exponent parities inside each generator.
 */
function parityClassifier(D: number, generators: readonly IntegerPolynomial[]): (m: string) => number {
  const parity = (m: string): bigint => {
    let v = 0n;
    for (let i = 0; i < m.length; i++) v ^= 1n << BigInt(m.charCodeAt(i));
    return v;
  };
  // GF(2) echelon basis keyed by highest set bit.
  const basis = new Map<number, bigint>();
  const highBit = (v: bigint): number => v.toString(2).length - 1;
  const reduce = (v: bigint): bigint => {
    while (v !== 0n) {
      const b = basis.get(highBit(v));
      if (b === undefined) return v;
      v ^= b;
    }
    return v;
  };
  for (const g of generators) {
    const [first = "", ...others] = g.keys();
    const p0 = parity(first);
    for (const key of others) {
      const r = reduce(parity(key) ^ p0);
      if (r !== 0n) basis.set(highBit(r), r);
    }
  }
  // Reduced echelon form (no pivot bit in any other vector), processing pivots
  // upwards; then a parity's canonical form is itself plus the basis vectors
  // of its own pivot bits, whatever the insertion order was.
  const pivots = [...basis.keys()].sort((a, b) => a - b);
  for (const p of pivots) {
    const bit = 1n << BigInt(p);
    for (const q of pivots) if (q !== p && (basis.get(q)! & bit) !== 0n) basis.set(q, basis.get(q)! ^ basis.get(p)!);
  }
  // The class key in 32-bit words (BigInt operations and BigInt Map keys are slow at this width).
  const W = Math.ceil((D + 1) / 32);
  const rows = new Map<number, Uint32Array>();
  for (const [p, v] of basis) {
    const words = new Uint32Array(W);
    for (let w = 0; w < W; w++) words[w] = Number((v >> BigInt(32 * w)) & 0xffffffffn);
    rows.set(p, words);
  }
  const out = new Uint32Array(W);
  return (m) => {
    out.fill(0);
    for (let i = 0; i < m.length; ) {
      const v = m.charCodeAt(i);
      let e = 0;
      while (i < m.length && m.charCodeAt(i) === v) {
        e++;
        i++;
      }
      if (e % 2 === 0) continue;
      // Plain indexing (v < D < 32·W, w < W): this runs once per odd exponent of every unknown.
      out[v >>> 5]! ^= 1 << (v & 31);
      const row = rows.get(v);
      if (row !== undefined) for (let w = 0; w < W; w++) out[w]! ^= row[w]!;
    }
    // A 53-bit hash of the words: two classes that collide only share a block,
    // which stays correct (a block must be a union of classes), just larger.
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (const x of out) {
      h1 = Math.imul(h1 ^ x, 0x01000193);
      h2 = Math.imul(h2 ^ x, 0x5bd1e995) ^ (h2 >>> 15);
    }
    return (h1 >>> 0) * 2097152 + (h2 & 0x1fffff);
  };
}

export { rrefExact } from "./_internals/exactLinearAlgebra.js";
