import Fraction from "fraction.js";
import { numerator } from "../../scalar/bigintMath.js";
import type { Rational } from "../../scalar/exact.js";
import { seededRandom } from "../../scalar/seededRandom.js";
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
  if (k <= 1) return R;
  const n = R[0]!.length;
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
    const lead = v.findIndex((x) => x !== 0);
    if (lead < 0) return;
    const inv = invMod(v[lead]!);
    const w = v.map((x) => mulMod(x, inv));
    pool.set(w.join(","), w);
  };
  Rp.forEach(addPool);
  const rng = seededRandom(`laws/sparse-basis/seed=${seed}`);
  for (let t = 0; t < trials; t++) {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const v of rrefModP(Rp, order)) addPool(v);
  }
  const candidates = [...pool.values()].map((v) => ({ v, size: v.filter((x) => x !== 0).length, lead: v.findIndex((x) => x !== 0) }));
  candidates.sort((a, b) => a.size - b.size || a.lead - b.lead);
  const chosen: Rational[][] = [];
  const ech: number[][] = [];
  const echLead: number[] = [];
  const independent = (v: number[]): boolean => {
    const w = pivots.map((p) => v[p]!);
    for (let t = 0; t < ech.length; t++) {
      const c = w[echLead[t]!]!;
      if (c === 0) continue;
      const r = ech[t]!;
      for (let j = 0; j < k; j++) w[j] = mod(w[j]! - mulMod(c, r[j]!));
    }
    const lead = w.findIndex((x) => x !== 0);
    if (lead < 0) return false;
    const inv = invMod(w[lead]!);
    ech.push(w.map((x) => mulMod(x, inv)));
    echLead.push(lead);
    return true;
  };
  for (const { v } of candidates) {
    if (chosen.length === k) break;
    const exact = lift(v, R, pivots);
    if (exact !== undefined && independent(v)) chosen.push(exact);
  }
  for (let i = 0; i < k && chosen.length < k; i++) if (independent(Rp[i]!)) chosen.push(R[i]!);
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
    let sel = -1;
    for (let i = top; i < rows.length; i++)
      if (rows[i]![c] !== 0) {
        sel = i;
        break;
      }
    if (sel < 0) continue;
    [rows[top], rows[sel]] = [rows[sel]!, rows[top]!];
    const piv = rows[top]!;
    const inv = invMod(piv[c]!);
    for (let j = 0; j < n; j++) if (piv[j] !== 0) piv[j] = mulMod(piv[j]!, inv);
    for (let i = 0; i < rows.length; i++) {
      if (i === top) continue;
      const r = rows[i]!;
      const f = r[c]!;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) if (piv[j] !== 0) r[j] = mod(r[j]! - mulMod(f, piv[j]!));
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
  for (let c = 0; c < v.length; c++) {
    let s = ZERO;
    pivots.forEach((p, j) => {
      const a = q[p]!;
      const b = R[j]![c]!;
      if (a.n === 0n || b.n === 0n) return;
      s = s.add(a.mul(b));
    });
    if (!s.equals(q[c]!)) return undefined;
  }
  return q;
}
