/*
 * A double-double and triple-double shadow of the fixed-point series of one Taylor step,
 * for the orders whose products are small.
 *
 * A coefficient X (a BigInt, the value X·2^−P) is held as x0 + x1 + x2, three doubles
 * each the rounding of what the previous ones leave (|X − x0 − x1| ≤ 2^−106·|X|,
 * |X − x0 − x1 − x2| ≤ 2^−159·|X|), x0 and x1 split once into halves of 26 bits
 * (Dekker), so that x0·y0, x0·y1 and x1·y0 are exact as sums of four products. The
 * series of a step shrink with their order (the step is chosen so that the last terms
 * are below 10^−(D+4)), and the middle terms Σ_{0<s<q} X_s·Y_{q−s} of a high order need
 * far fewer than 2P bits: in double-double (about twenty flops a term) or triple-double
 * (about seventy) they cost less than two BigInt operations and their allocations. Each
 * sum first bounds Σ|x0|·|y0| and takes the cheaper of the two whose error bound, from
 * it, is below a quarter unit of the last place the caller keeps (2^(P−2) of the
 * unshifted sum, which the caller shifts by P); when neither is, the caller takes the
 * exact BigInt sum. So a product differs from the exact one by less than a quarter unit
 * before the caller's floor, and its floor by at most one unit.
 *
 * Coefficients are converted once, when a product of a higher order first reads them:
 * the products of order q read the coefficients below q from the shadow, and the two
 * end terms X_0·Y_q and X_q·Y_0 exactly. That is sound because the one Taylor engine
 * computes each series order by order and never changes a coefficient below the
 * order it is computing; order q itself may still be unset (0) when read, as in the
 * sliding solve, so it is never shadowed.
 */

/** Dekker's splitter for doubles: 2^27 + 1. */
const SPLIT = 134217729;
/** Coefficients beyond this size (units of 2^−P) are left to BigInt: their products would overflow a double. */
const LARGEST = 2 ** 480;
/**
 * Per term, the error of the double-double sum relative to Σ|X·Y| (the low parts' dropped
 * product, the cross terms' and the low sum's rounding, the coefficients' own conversion),
 * and of the triple-double sum (the third level's roundings and dropped products).
 */
const DOUBLE_DOUBLE = 2 ** -104;
const TRIPLE_DOUBLE = 2 ** -149;
/** 2^53: every integer below it in size is a double. */
const SAFE = 2 ** 53;
/** Doubles per coefficient: [x0 high half, x0 low half, x1, |x0|, x1 high half, x1 low half, x2, unused]. */
const STRIDE = 8;

/** The shadow of one series. */
interface Shadow {
  readonly data: Float64Array;
  /** Coefficients 0 … filled − 1 are in `data`. */
  filled: number;
  /** false when a coefficient was too large for doubles: every product with this series stays exact. */
  usable: boolean;
}

/** Dekker's split of a double into a high and a low half, written at data[at] and data[at + 1]. */
function split(data: Float64Array, at: number, v: number): void {
  const t = SPLIT * v;
  const high = t - (t - v);
  data[at] = high;
  data[at + 1] = v - high;
}

/**
 * The double-double and triple-double shadows of the series of one Taylor step at P
 * fraction bits, and the products of their high orders (see the module comment).
 *
 * @internal
 */
export class SeriesMirror {
  private readonly shadows = new WeakMap<readonly bigint[], Shadow>();
  /** The largest error allowed in an unshifted sum: a quarter unit of 2^−P. */
  private readonly tolerance: number;

  constructor(P: number) {
    this.tolerance = 2 ** (P - 2);
  }

  /** The shadow of x with its coefficients below `upTo` filled in. */
  private shadow(x: readonly bigint[], upTo: number): Shadow {
    let s = this.shadows.get(x);
    if (s === undefined) {
      s = { data: new Float64Array(STRIDE * x.length), filled: 0, usable: true };
      this.shadows.set(x, s);
    }
    const { data } = s;
    for (let k = s.filled; k < upTo; k++) {
      const v = x[k]!;
      if (v === 0n) continue;
      const x0 = Number(v);
      const m = Math.abs(x0);
      if (!(m < LARGEST)) {
        // too large for the shadow (possibly not even a finite double): this series is summed in BigInt
        s.usable = false;
        return s;
      }
      // below 2^53 a double holds the integer exactly, and what it leaves is 0: no BigInt to allocate
      const r1 = m < SAFE ? 0n : v - BigInt(x0);
      const x1 = Number(r1);
      const at = STRIDE * k;
      split(data, at, x0);
      data[at + 2] = x1;
      data[at + 3] = m;
      split(data, at + 4, x1);
      data[at + 6] = Math.abs(x1) < SAFE ? 0 : Number(r1 - BigInt(x1));
    }
    if (upTo > s.filled) s.filled = upTo;
    return s;
  }

  /**
   * Σ_{s=0}^{q} x_s·y_{q−s} within a quarter unit of 2^−P (unshifted), or undefined when
   * neither shadow can promise that or q < 2 (the caller then sums in BigInt). Both series
   * have at least q + 1 coefficients (the caller checked).
   */
  cauchy(x: readonly bigint[], y: readonly bigint[], q: number): bigint | undefined {
    // below order 2 there are no middle terms (and at order 0 the two end terms are one)
    if (q < 2) return undefined;
    const X = this.shadow(x, q);
    const Y = this.shadow(y, q);
    if (!X.usable || !Y.usable) return undefined;
    const a = X.data;
    const b = Y.data;
    let bound = 0;
    for (let s = 1; s < q; s++) bound += a[STRIDE * s + 3]! * b[STRIDE * (q - s) + 3]!;
    // 1.01: Σ|x0|·|y0| in doubles may fall short of Σ|X·Y| by a few roundings
    const room = this.tolerance - 2;
    let middle: bigint;
    if ((q + 8) * DOUBLE_DOUBLE * 1.01 * bound <= room) middle = doubleDouble(a, b, q);
    else if ((q + 8) * TRIPLE_DOUBLE * 1.01 * bound <= room) middle = tripleDouble(a, b, q);
    else return undefined;
    return middle + x[0]! * y[q]! + x[q]! * y[0]!;
  }
}

/** Σ_{0<s<q} X_s·Y_{q−s} in double-double, rounded to an integer. */
function doubleDouble(a: Float64Array, b: Float64Array, q: number): bigint {
  let sh = 0;
  let sl = 0;
  for (let s = 1; s < q; s++) {
    const i = STRIDE * s;
    const j = STRIDE * (q - s);
    if (a[i + 3] === 0 || b[j + 3] === 0) continue;
    const xa = a[i]!;
    const xb = a[i + 1]!;
    const ya = b[j]!;
    const yb = b[j + 1]!;
    const x0 = xa + xb;
    const y0 = ya + yb;
    const p = x0 * y0;
    // the exact error of x0·y0 (Dekker), then the cross terms of the low parts
    const pl = xa * ya - p + xa * yb + xb * ya + xb * yb + (x0 * b[j + 2]! + a[i + 2]! * y0);
    const sum = sh + p;
    const bb = sum - sh;
    sl += sh - (sum - bb) + (p - bb) + pl;
    sh = sum;
  }
  return BigInt(Math.round(sh)) + BigInt(Math.round(sl));
}

/**
 * Σ_{0<s<q} X_s·Y_{q−s} in triple-double, rounded to an integer: the products x0·y0 on the
 * first level, their errors and x0·y1, x1·y0 on the second, exactly (two-sums, whose errors
 * go down a level), and the second level's errors with x0·y2, x1·y1, x2·y0 on the third.
 */
function tripleDouble(a: Float64Array, b: Float64Array, q: number): bigint {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let s = 1; s < q; s++) {
    const i = STRIDE * s;
    const j = STRIDE * (q - s);
    if (a[i + 3] === 0 || b[j + 3] === 0) continue;
    const xa = a[i]!;
    const xb = a[i + 1]!;
    const x1 = a[i + 2]!;
    const x1a = a[i + 4]!;
    const x1b = a[i + 5]!;
    const ya = b[j]!;
    const yb = b[j + 1]!;
    const y1 = b[j + 2]!;
    const y1a = b[j + 4]!;
    const y1b = b[j + 5]!;
    const x0 = xa + xb;
    const y0 = ya + yb;
    const p = x0 * y0;
    const pe = xa * ya - p + xa * yb + xb * ya + xb * yb;
    const u = x0 * y1;
    const ue = xa * y1a - u + xa * y1b + xb * y1a + xb * y1b;
    const v = x1 * y0;
    const ve = x1a * ya - v + x1a * yb + x1b * ya + x1b * yb;
    let t = s0 + p;
    let bb = t - s0;
    const f = s0 - (t - bb) + (p - bb);
    s0 = t;
    t = s1 + f;
    bb = t - s1;
    let g = s1 - (t - bb) + (f - bb);
    s1 = t;
    t = s1 + pe;
    bb = t - s1;
    g += s1 - (t - bb) + (pe - bb);
    s1 = t;
    t = s1 + u;
    bb = t - s1;
    g += s1 - (t - bb) + (u - bb);
    s1 = t;
    t = s1 + v;
    bb = t - s1;
    g += s1 - (t - bb) + (v - bb);
    s1 = t;
    s2 += g + ue + ve + x0 * b[j + 6]! + x1 * y1 + a[i + 6]! * y0;
  }
  return BigInt(Math.round(s0)) + BigInt(Math.round(s1)) + BigInt(Math.round(s2));
}
