import Fraction from "fraction.js";
import { at } from "../../scalar/at.js";
import { integerMultiple } from "../../scalar/bigintMath.js";
import type { Rational } from "../../scalar/exact.js";
import { nullspaceExact } from "./exactLinearAlgebra.js";
import { DenseEchelonModP, PRIME, mod, mulMod, reconstructModP } from "./modp.js";

/** A sparse row with small integer coefficients: parallel column and coefficient arrays. @internal */
export interface SparseRow {
  cols: number[];
  coefs: number[];
}

/**
 * Exact null space over Q of a sparse integer system of width `n` whose rows
 * arrive from `nextRows` (called until it returns undefined).
 *
 * Method: rows are fed to an echelon form mod p until its rank reaches n (then
 * the null space is {0}: a rank mod p never exceeds the rank over Q) or the
 * rows run out. The null space of the mod-p reduced echelon form is lifted to
 * Q by rational reconstruction and every row is checked against it in exact
 * integer arithmetic. The check passing proves the lift exact: the lifted
 * vectors are independent, lie in the null space over Q, and are as many as
 * the nullity mod p, which is at least the nullity over Q. When it fails the
 * rows found independent mod p, plus the failing rows, are solved exactly over
 * Q and checked again, until the check passes.
 *
 * @returns primitive integer basis vectors of the null space (possibly none)
 * @internal
 */
export function blockNullspace(n: number, nextRows: () => SparseRow[] | undefined): bigint[][] {
  const ech = new DenseEchelonModP(n);
  const all: SparseRow[] = [];
  const selected: SparseRow[] = [];
  for (let batch = nextRows(); batch !== undefined; batch = nextRows()) {
    for (const r of batch) {
      all.push(r);
      if (ech.rank === n) continue;
      const dense = new Float64Array(n);
      // Plain indexing: t below the row's length, c a column below n (this runs for every row of every block).
      for (let t = 0; t < r.cols.length; t++) {
        const c = r.cols[t]!;
        dense[c] = mod(dense[c]! + r.coefs[t]!);
      }
      if (ech.add(dense)) selected.push(r);
    }
    if (ech.rank === n) return [];
  }
  let basis = liftNullspace(ech, n);
  for (;;) {
    const failing = basis === undefined ? [] : all.filter((r) => !annihilates(r, basis!));
    if (basis !== undefined && failing.length === 0) return basis;
    const rows = [...selected, ...failing];
    selected.splice(0, selected.length, ...rows);
    basis = nullspaceExact(
      rows.map((r) => toDense(r, n)),
      n,
    );
  }
}

const ZERO = new Fraction(0n, 1n);
const ONE = new Fraction(1n, 1n);

function toDense(r: SparseRow, n: number): bigint[] {
  const v: bigint[] = new Array(n).fill(0n);
  r.cols.forEach((c, t) => {
    v[c] = at(v, c) + BigInt(at(r.coefs, t));
  });
  return v;
}

function annihilates(r: SparseRow, basis: bigint[][]): boolean {
  for (const v of basis) {
    let s = 0n;
    r.cols.forEach((c, t) => {
      s += BigInt(at(r.coefs, t)) * at(v, c);
    });
    if (s !== 0n) return false;
  }
  return true;
}

/** Null space of the mod-p echelon form, lifted to Q; undefined when a reconstruction fails. */
function liftNullspace(ech: DenseEchelonModP, n: number): bigint[][] | undefined {
  const rows = ech.rows;
  // Back-substitution to the reduced form (later pivots first, see DenseEchelonModP).
  for (const source of [...rows].reverse()) {
    const { entries: rk, pivot: pk } = source;
    for (const { entries: rm } of rows) {
      if (rm === rk) continue;
      const c = rm[pk]!;
      if (c === 0) continue;
      // Plain indexing below n in this hot loop (rows have width n; see DenseEchelonModP.add).
      for (let j = pk; j < n; j++) if (rk[j] !== 0) rm[j] = mod(rm[j]! - mulMod(c, rk[j]!));
    }
  }
  const isPivot = new Uint8Array(n);
  for (const { pivot } of rows) isPivot[pivot] = 1;
  const out: bigint[][] = [];
  for (let f = 0; f < n; f++) {
    if (isPivot[f]) continue;
    const v: Rational[] = new Array<Rational>(n).fill(ZERO);
    v[f] = ONE;
    for (const { entries, pivot } of rows) {
      const x = entries[f]!; // f < n, the width of every row
      if (x === 0) continue;
      const q = reconstructModP(PRIME - x);
      if (q === undefined) return undefined;
      v[pivot] = q;
    }
    out.push(integerMultiple(v));
  }
  return out;
}
