/**
 * Exact linear algebra over Q on small dense matrices, with integer rows and
 * content removal (fraction-free elimination): no denominators until the end,
 * where each row is divided by its pivot into fraction.js rationals.
 * @internal
 */
import { at } from "../../scalar/at.js";
import Fraction from "fraction.js";
import { integerMultiple, primitive } from "../../scalar/bigintMath.js";
import type { Rational } from "../../scalar/exact.js";

const ZERO = new Fraction(0n, 1n);
const ONE = new Fraction(1n, 1n);

/**
 * Reduced row echelon form over Q of integer rows (exact). Returns the non-zero
 * rows with a leading 1 (as rationals) and their pivot columns, in pivot order.
 * @internal
 */
export function rrefExact(input: bigint[][], width: number): { rows: Rational[][]; pivots: number[] } {
  const rows = input.map((r) => r.slice());
  const pivots: number[] = [];
  let top = 0;
  for (let c = 0; c < width && top < rows.length; c++) {
    const sel = rows.findIndex((r, i) => i >= top && at(r, c) !== 0n);
    if (sel < 0) continue;
    const piv = at(rows, sel);
    rows[sel] = at(rows, top);
    rows[top] = piv;
    const p = at(piv, c);
    rows.forEach((r, i) => {
      const f = at(r, c);
      if (r !== piv && f !== 0n) rows[i] = primitive(r.map((x, j) => p * x - f * at(piv, j)));
    });
    pivots.push(c);
    top++;
  }
  const out = pivots.map((c, k) => {
    const r = at(rows, k);
    const p = at(r, c);
    return r.map((x) => (x === 0n ? ZERO : new Fraction(x, p)));
  });
  return { rows: out, pivots };
}

/**
 * A basis of the null space {v : A v = 0} over Q of integer rows of the given
 * width, one primitive integer vector per free column (1 at that column).
 * @internal
 */
export function nullspaceExact(input: bigint[][], width: number): bigint[][] {
  const { rows, pivots } = rrefExact(input, width);
  const isPivot = new Set(pivots);
  const out: bigint[][] = [];
  for (let f = 0; f < width; f++) {
    if (isPivot.has(f)) continue;
    const v: Rational[] = new Array<Rational>(width).fill(ZERO);
    v[f] = ONE;
    pivots.forEach((c, k) => {
      v[c] = at(at(rows, k), f).neg();
    });
    out.push(integerMultiple(v));
  }
  return out;
}
