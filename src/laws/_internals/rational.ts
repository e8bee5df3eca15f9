/**
 * Exact linear algebra over Q on small dense matrices, with integer rows and
 * content removal (fraction-free elimination): no denominators until the end.
 * @internal
 */

/** An exact rational p/q with q > 0, in lowest terms. @internal */
export interface Rational {
  num: bigint;
  den: bigint;
}

/** |gcd(a, b)|. @internal */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** A rational in lowest terms with a positive denominator. @internal */
export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new Error("zero denominator");
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

/** Divides an integer vector by the gcd of its entries and makes its first non-zero entry positive. @internal */
export function primitive(v: bigint[]): bigint[] {
  let g = 0n;
  for (const x of v) if (x !== 0n) g = gcd(g, x);
  if (g === 0n) return v;
  const first = v.find((x) => x !== 0n)!;
  if (first < 0n) g = -g;
  return g === 1n ? v : v.map((x) => x / g);
}

/** Scales a rational vector to the primitive integer vector on the same line. @internal */
export function integerMultiple(v: Rational[]): bigint[] {
  let l = 1n;
  for (const x of v) l = (l / gcd(l, x.den)) * x.den;
  return primitive(v.map((x) => x.num * (l / x.den)));
}

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
    let sel = -1;
    for (let i = top; i < rows.length; i++)
      if (rows[i]![c] !== 0n) {
        sel = i;
        break;
      }
    if (sel < 0) continue;
    [rows[top], rows[sel]] = [rows[sel]!, rows[top]!];
    const piv = rows[top]!;
    for (let i = 0; i < rows.length; i++) {
      if (i === top) continue;
      const r = rows[i]!;
      const f = r[c]!;
      if (f === 0n) continue;
      const p = piv[c]!;
      for (let j = 0; j < width; j++) r[j] = p * r[j]! - f * piv[j]!;
      rows[i] = primitive(r);
    }
    pivots.push(c);
    top++;
  }
  const out = rows.slice(0, top).map((r, k) => {
    const p = r[pivots[k]!]!;
    return r.map((x) => rational(x, p));
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
    const v: Rational[] = new Array(width).fill({ num: 0n, den: 1n });
    v[f] = { num: 1n, den: 1n };
    rows.forEach((r, k) => {
      const x = r[f]!;
      v[pivots[k]!] = { num: -x.num, den: x.den };
    });
    out.push(integerMultiple(v));
  }
  return out;
}
