import { InternalError } from "../../../errors.js";
import type { SeriesMirror } from "./seriesMirror.js";

/*
 * The inner loops of the fixed-point kernels: products of truncated power series
 * (arrays of coefficients by order) and of vectors, every sum unshifted. Each
 * checks its bounds once on entry, so that the terms are then read without a
 * check per term: these loops carry the BigInt work of every Taylor step, and a
 * checked accessor per term measurably slows them. Loops are indexed, not iterated: a
 * process runs most of them before they are optimised, and unoptimised iterators cost an
 * object per element. Given a {@link SeriesMirror}, a series
 * product of a high order may be summed in double-double instead, within a quarter unit
 * of the last place the caller keeps.
 */

function outside(what: string, need: number, have: number): never {
  throw new InternalError(`${what}: need ${need} entries, have ${have}`);
}

/** Below this order a series product is summed in BigInt: too few middle terms for the shadow to pay. */
const MIRRORED_FROM = 6;

/**
 * Order q of the product of two series: Σ_{s=0}^{q} x_s·y_{q−s}, exact, or within a quarter
 * unit of 2^−P (unshifted) through `mirror` (`complete`: both series are final through
 * order q, see `SeriesMirror.cauchy`).
 *
 * @internal
 */
export function cauchyAt(x: readonly bigint[], y: readonly bigint[], q: number, mirror?: SeriesMirror, complete = false): bigint {
  if (q >= x.length || q >= y.length) outside("series product", q + 1, Math.min(x.length, y.length));
  if (mirror !== undefined && q >= MIRRORED_FROM) {
    const fast = mirror.cauchy(x, y, q, complete);
    if (fast !== undefined) return fast;
  }
  let acc = 0n;
  for (let s = 0; s <= q; s++) acc += x[s]! * y[q - s]!;
  return acc;
}

/**
 * Order q of the dot product of two vectors of series: Σ_c (xs_c·ys_c)_q, over every c
 * or only over `live` (the c whose series are not identically 0: the others add 0);
 * through `mirror`, each product within a quarter unit of 2^−P (see {@link cauchyAt}, and
 * for `complete`).
 *
 * @internal
 */
export function seriesDotAt(
  xs: readonly (readonly bigint[])[],
  ys: readonly (readonly bigint[])[],
  q: number,
  live?: readonly number[],
  mirror?: SeriesMirror,
  complete = false,
): bigint {
  if (xs.length !== ys.length) outside("series dot product", xs.length, ys.length);
  let acc = 0n;
  if (live === undefined) {
    for (let c = 0; c < xs.length; c++) acc += cauchyAt(xs[c]!, ys[c]!, q, mirror, complete);
    return acc;
  }
  for (let j = 0; j < live.length; j++) {
    const c = live[j]!;
    if (c >= xs.length) outside("series dot product", c + 1, xs.length);
    acc += cauchyAt(xs[c]!, ys[c]!, q, mirror, complete);
  }
  return acc;
}

/**
 * Order q of a vector of series dotted with a constant vector: Σ_c xs_c[q]·y_c.
 *
 * @internal
 */
export function constantDotAt(xs: readonly (readonly bigint[])[], y: readonly bigint[], q: number): bigint {
  if (xs.length !== y.length) outside("dot product with a constant", xs.length, y.length);
  let acc = 0n;
  for (let c = 0; c < xs.length; c++) {
    const x = xs[c]!;
    if (q >= x.length) outside("series coefficient", q + 1, x.length);
    // data are often sparse (one-hot, zero features): a product with 0 adds nothing
    const yc = y[c]!;
    if (yc !== 0n) acc += x[q]! * yc;
  }
  return acc;
}

/**
 * The dot product of two vectors: Σ_c x_c·y_c.
 *
 * @internal
 */
export function dotUnshifted(x: readonly bigint[], y: readonly bigint[]): bigint {
  if (x.length !== y.length) outside("dot product", x.length, y.length);
  let acc = 0n;
  for (let c = 0; c < x.length; c++) acc += x[c]! * y[c]!;
  return acc;
}

/**
 * acc[offset + c] += s·x_c for every c: one row of a weight matrix in a flat accumulator of θ.
 *
 * @internal
 */
export function addScaled(acc: bigint[], offset: number, s: bigint, x: readonly bigint[]): void {
  if (offset < 0 || offset + x.length > acc.length) outside("accumulator row", offset + x.length, acc.length);
  for (let c = 0; c < x.length; c++) {
    // as in constantDotAt: a product with a zero input adds nothing
    const xc = x[c]!;
    if (xc !== 0n) acc[offset + c]! += s * xc;
  }
}

/**
 * acc[offset + c] += (d·as_c)_q for every c in `live` (the c whose series are not identically 0:
 * the others add 0): order q of one row of a weight matrix's gradient, series by series
 * (through `mirror`, each product within a quarter unit of 2^−P, see {@link cauchyAt}, and
 * for `complete`).
 *
 * @internal
 */
export function addSeriesProducts(
  acc: bigint[],
  offset: number,
  d: readonly bigint[],
  as: readonly (readonly bigint[])[],
  q: number,
  live: readonly number[],
  mirror?: SeriesMirror,
  complete = false,
): void {
  if (offset < 0 || offset + as.length > acc.length) outside("accumulator row", offset + as.length, acc.length);
  for (let j = 0; j < live.length; j++) {
    const c = live[j]!;
    if (c >= as.length) outside("series row", c + 1, as.length);
    acc[offset + c]! += cauchyAt(d, as[c]!, q, mirror, complete);
  }
}
