/**
 * Arithmetic modulo a prime below 2^26, in plain numbers: products stay below
 * 2^52, so every operation is exact in a double. Used to *select* (never to
 * decide) — a rank mod p is at most the rank over Q, so a set of rows found
 * independent mod p is independent over Q; everything else is checked exactly.
 * @internal
 */
import { InternalError } from "../../errors.js";
import { at } from "../../scalar/at.js";
import { reconstructRational } from "../../scalar/bigintMath.js";
import type { Rational } from "../../scalar/exact.js";

/** The largest prime below 2^26. @internal */
export const PRIME = 67108859;

/** a mod p in [0, p). @internal */
export function mod(a: number): number {
  const r = a % PRIME;
  return r < 0 ? r + PRIME : r;
}

/** A bigint reduced mod p. @internal */
export function modBig(a: bigint): number {
  const r = Number(a % BigInt(PRIME));
  return r < 0 ? r + PRIME : r;
}

/** a·b mod p for a, b in [0, p). @internal */
export function mulMod(a: number, b: number): number {
  return (a * b) % PRIME;
}

/** Inverse mod p (extended Euclid). @internal */
export function invMod(a: number): number {
  let [r0, r1] = [PRIME, mod(a)];
  let [t0, t1] = [0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  if (r0 !== 1) throw new InternalError(`${a} is not invertible mod p`);
  return mod(t0);
}

/**
 * Rational reconstruction mod {@link PRIME}: n/d ≡ a with |n|, d ≤ √(p/2), or undefined.
 * @internal
 */
export function reconstructModP(a: number): Rational | undefined {
  return reconstructRational(a, PRIME);
}

/**
 * Incremental row echelon form mod p over dense rows of a fixed width. Each
 * stored row has a leading 1 at its pivot and zeros at every earlier pivot.
 * @internal
 */
export class DenseEchelonModP {
  /** The stored rows, each with its pivot column, in the order they were added. */
  readonly rows: PivotRow[] = [];
  constructor(readonly width: number) {}

  get rank(): number {
    return this.rows.length;
  }

  /**
   * Reduces `row` (entries in [0, p), modified in place); adds it when independent. Returns whether it was added.
   * The inner loops index rows of length `width` below `width`: plain indexing, measured 2.4× faster here than the
   * checked `at`, whose load sees every array type of the library.
   */
  add(row: Float64Array): boolean {
    if (row.length !== this.width) throw new InternalError(`a row of width ${row.length} added to an echelon form of width ${this.width}`);
    for (const { entries: piv, pivot } of this.rows) {
      const c = row[pivot]!;
      if (c === 0) continue;
      for (let j = pivot; j < this.width; j++) {
        const v = piv[j]!;
        if (v !== 0) row[j] = mod(row[j]! - c * v);
      }
    }
    let p = 0;
    while (p < this.width && row[p] === 0) p++;
    if (p === this.width) return false;
    const inv = invMod(at(row, p));
    for (let j = p; j < this.width; j++) if (row[j] !== 0) row[j] = mulMod(row[j]!, inv);
    this.rows.push({ entries: row, pivot: p });
    return true;
  }
}

/** A row of an echelon form and its pivot column (the first non-zero entry, a 1). @internal */
export interface PivotRow {
  readonly entries: Float64Array;
  readonly pivot: number;
}

/**
 * Incremental echelon form mod p over sparse rows whose columns are arbitrary
 * non-negative integers (new columns may appear at any time). A stored row's
 * pivot is its smallest column, so reducing a row only ever touches columns at
 * or after the one being eliminated; a min-heap walks them in order.
 * @internal
 */
export class SparseEchelonModP {
  private readonly byPivot = new Map<number, Map<number, number>>();

  get rank(): number {
    return this.byPivot.size;
  }

  /** Reduces a copy of `row`; adds it when independent. Returns whether it was added. */
  add(input: Map<number, number>): boolean {
    const row = new Map<number, number>();
    for (const [c, v] of input) {
      const m = mod(v);
      if (m !== 0) row.set(c, m);
    }
    const heap = new MinHeap([...row.keys()]);
    while (heap.size > 0) {
      const c = heap.pop();
      const coef = row.get(c);
      if (coef === undefined || coef === 0) continue;
      const piv = this.byPivot.get(c);
      if (piv === undefined) continue;
      for (const [j, v] of piv) {
        const nv = mod((row.get(j) ?? 0) - coef * v);
        if (nv === 0) row.delete(j);
        else {
          if (!row.has(j)) heap.push(j);
          row.set(j, nv);
        }
      }
    }
    if (row.size === 0) return false;
    let p = Infinity;
    for (const c of row.keys()) if (c < p) p = c;
    const inv = invMod(row.get(p)!);
    for (const [c, v] of row) row.set(c, mulMod(v, inv));
    this.byPivot.set(p, row);
    return true;
  }
}

class MinHeap {
  private readonly a: number[] = [];
  constructor(items: number[]) {
    for (const x of items) this.push(x);
  }
  get size(): number {
    return this.a.length;
  }
  push(x: number): void {
    this.a.push(x);
    let i = this.a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): number {
    const a = this.a;
    const top = at(a, 0);
    const last = at(a, a.length - 1);
    a.pop();
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(l, m)) m = l;
        if (r < a.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(m, i);
        i = m;
      }
    }
    return top;
  }
  /** Whether the item at i sorts before the one at j (both in range). */
  private less(i: number, j: number): boolean {
    return at(this.a, i) < at(this.a, j);
  }
  private swap(i: number, j: number): void {
    const t = at(this.a, i);
    this.a[i] = at(this.a, j);
    this.a[j] = t;
  }
}
