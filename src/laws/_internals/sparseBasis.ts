import Fraction from "fraction.js";
import { numerator } from "../../scalar/bigintMath.js";
import type { Rational } from "../../scalar/exact.js";
import { seededRandom } from "../../scalar/seededRandom.js";
import { at } from "../../scalar/at.js";
import { shuffledOrder } from "./shuffledOrder.js";
import { invMod, mod, modBig, mulMod, reconstructModP } from "./modp.js";

/**
 * A sparse basis of the row space of a reduced row echelon matrix R (k × n,
 * pivots p_i), for printing laws readably.
 *
 * Why: the reduced echelon form of the per-neuron laws of a deep net mixes
 * them (a neuron's incoming weights are the previous neuron's outgoing ones,
 * so no single column order shows every law alone). A vector of the row space
 * is a row of the reduced echelon form for some column order exactly when that
 * order's pivots meet its support once; so the reduced echelon forms for the
 * canonical order and for `trials` seeded random orders (computed mod p) give
 * a pool of candidates, from which the sparsest are chosen greedily while they
 * stay independent. Each chosen vector is lifted to Q by rational
 * reconstruction and kept only if it lies in the row space exactly (a vector v
 * of the row space equals Σ_j v[p_j]·R_j); rows of R fill any gap. Each is
 * scaled to leading coefficient 1 (first non-zero column). When the laws have
 * disjoint supports (two-layer nets) every order returns R itself.
 * @internal
 */
export function sparseBasis(R: Rational[][], pivots: number[], trials = 24, seed = 7): Rational[][] {
  const k = R.length;
  const [first] = R;
  if (first === undefined || k === 1) return R;
  const n = first.length;
  const Rp: number[][] = [];
  for (const row of R) {
    const out: number[] = [];
    for (const q of row) {
      const d = modBig(q.d);
      if (d === 0) return R;
      out.push(mulMod(modBig(numerator(q)), invMod(d)));
    }
    Rp.push(out);
  }
  const pool = new Map<string, number[]>();
  const addPool = (v: number[]): void => {
    const lead = v.find((x) => x !== 0);
    if (lead === undefined) return;
    const inv = invMod(lead);
    const w = v.map((x) => mulMod(x, inv));
    pool.set(w.join(","), w);
  };
  Rp.forEach(addPool);
  const rng = seededRandom(`laws/sparse-basis/seed=${seed}`);
  for (let t = 0; t < trials; t++) for (const v of rrefModP(Rp, shuffledOrder(n, rng))) addPool(v);
  const candidates = [...pool.values()].map((v) => ({ v, size: v.filter((x) => x !== 0).length, lead: v.findIndex((x) => x !== 0) }));
  candidates.sort((a, b) => a.size - b.size || a.lead - b.lead);
  const chosen: Rational[][] = [];
  // The chosen vectors restricted to the pivot columns, in echelon form mod p, each with its leading column.
  const ech: { row: number[]; lead: number }[] = [];
  const independent = (v: number[]): boolean => {
    const w = pivots.map((p) => at(v, p));
    for (const { row, lead } of ech) {
      const c = at(w, lead);
      if (c === 0) continue;
      // In place and plain indexed below k (w and every stored row have k entries): this runs for every candidate.
      for (let j = 0; j < k; j++) w[j] = mod(w[j]! - mulMod(c, row[j]!));
    }
    const lead = w.findIndex((x) => x !== 0);
    if (lead < 0) return false;
    const inv = invMod(at(w, lead));
    ech.push({ row: w.map((x) => mulMod(x, inv)), lead });
    return true;
  };
  for (const { v } of candidates) {
    if (chosen.length === k) break;
    const exact = lift(v, R, pivots);
    if (exact !== undefined && independent(v)) chosen.push(exact);
  }
  for (const [i, row] of R.entries()) {
    if (chosen.length === k) break;
    if (independent(at(Rp, i))) chosen.push(row);
  }
  return chosen;
}

const ZERO = new Fraction(0n, 1n);

/** Non-zero rows of the reduced echelon form mod p of the row space of Rp, pivoting columns in `order`. */
function rrefModP(Rp: number[][], order: number[]): number[][] {
  const rows = Rp.map((r) => r.slice());
  const n = order.length;
  let top = 0;
  for (const c of order) {
    if (top === rows.length) break;
    const sel = rows.findIndex((r, i) => i >= top && at(r, c) !== 0);
    if (sel < 0) continue;
    const piv = at(rows, sel);
    rows[sel] = at(rows, top);
    rows[top] = piv;
    const inv = invMod(at(piv, c));
    // Plain indexing below n in the elimination (every row has n entries): the checked `at` costs a fifth of
    // the deep-net law search here (see DenseEchelonModP.add).
    for (let j = 0; j < n; j++) if (piv[j] !== 0) piv[j] = mulMod(piv[j]!, inv);
    for (const r of rows) {
      const f = at(r, c);
      if (r === piv || f === 0) continue;
      for (let j = 0; j < n; j++) {
        const x = piv[j]!;
        if (x !== 0) r[j] = mod(r[j]! - mulMod(f, x));
      }
    }
    top++;
  }
  return rows.slice(0, top);
}

/** The rational vector with these residues, if it reconstructs and lies in the row space of R exactly. */
function lift(v: number[], R: Rational[][], pivots: number[]): Rational[] | undefined {
  const q: Rational[] = [];
  for (const x of v) {
    if (x === 0) {
      q.push(ZERO);
      continue;
    }
    const r = reconstructModP(x);
    if (r === undefined) return undefined;
    q.push(r);
  }
  // v = Σ_j v[p_j]·R_j, column by column.
  const weights = pivots.map((p) => at(q, p));
  for (const [c, qc] of q.entries()) {
    let s = ZERO;
    R.forEach((row, j) => {
      const a = at(weights, j);
      const b = at(row, c);
      if (a.n === 0n || b.n === 0n) return;
      s = s.add(a.mul(b));
    });
    if (!s.equals(qc)) return undefined;
  }
  return q;
}
