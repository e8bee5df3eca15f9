/*
 * A double-double shadow of the fixed-point series of one Taylor step, for the orders
 * whose products are small.
 *
 * A coefficient X (a BigInt, the value X·2^−P) is held as xh + xl, two doubles with
 * |X − xh − xl| ≤ 2^−106·|X|, xh split once into halves of 26 bits (Dekker), so that
 * xh·yh is exact as the sum of four products. The series of a step shrink with their
 * order (the step is chosen so that the last terms are below 10^−(D+4)), and the
 * middle terms Σ_{0<s<q} X_s·Y_{q−s} of a high order need far fewer than 2P bits: in
 * double-double they cost about twenty flops a term instead of two BigInt operations
 * and their allocations. Each sum carries its own error bound, from Σ|xh|·|yh| taken
 * in the same loop, and is used only when that bound is below a quarter unit of the
 * last place the caller keeps (2^(P−2) of the unshifted sum, which the caller shifts
 * by P); otherwise the caller takes the exact BigInt sum. So a product differs from
 * the exact one by less than a quarter unit before the caller's floor, and its floor
 * by at most one unit.
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
/** The unit roundoff of the double-double products and sums, with room for the terms' own rounding. */
const ROUNDOFF = 2 ** -104;

/** The shadow of one series: per coefficient [high half of xh, low half of xh, xl, |xh|]. */
interface Shadow {
  readonly data: Float64Array;
  /** Coefficients 0 … filled − 1 are in `data`. */
  filled: number;
  /** false when a coefficient was too large for doubles: every product with this series stays exact. */
  usable: boolean;
}

/**
 * The double-double shadows of the series of one Taylor step at P fraction bits, and
 * the products of their high orders (see the module comment).
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
      s = { data: new Float64Array(4 * x.length), filled: 0, usable: true };
      this.shadows.set(x, s);
    }
    const { data } = s;
    for (let k = s.filled; k < upTo; k++) {
      const v = x[k]!;
      if (v === 0n) continue;
      const hi = Number(v);
      if (!(Math.abs(hi) < LARGEST)) s.usable = false;
      const t = SPLIT * hi;
      const a = t - (t - hi);
      data[4 * k] = a;
      data[4 * k + 1] = hi - a;
      data[4 * k + 2] = Number(v - BigInt(hi));
      data[4 * k + 3] = Math.abs(hi);
    }
    if (upTo > s.filled) s.filled = upTo;
    return s;
  }

  /**
   * Σ_{s=0}^{q} x_s·y_{q−s} within a quarter unit of 2^−P (unshifted), or undefined when the
   * double-double sum cannot promise that or q < 2 (the caller then sums in BigInt). Both series
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
    let sh = 0;
    let sl = 0;
    let bound = 0;
    for (let s = 1; s < q; s++) {
      const i = 4 * s;
      const j = 4 * (q - s);
      const mx = a[i + 3]!;
      const my = b[j + 3]!;
      if (mx === 0 || my === 0) continue;
      bound += mx * my;
      const xa = a[i]!;
      const xb = a[i + 1]!;
      const ya = b[j]!;
      const yb = b[j + 1]!;
      const xh = xa + xb;
      const yh = ya + yb;
      const ph = xh * yh;
      // the exact error of xh·yh (Dekker), then the cross terms of the low parts
      const pl = xa * ya - ph + xa * yb + xb * ya + xb * yb + (xh * b[j + 2]! + a[i + 2]! * yh);
      const sum = sh + ph;
      const bb = sum - sh;
      sl += sh - (sum - bb) + (ph - bb) + pl;
      sh = sum;
    }
    if ((q + 8) * ROUNDOFF * 1.01 * bound + 2 > this.tolerance) return undefined;
    return BigInt(Math.round(sh)) + BigInt(Math.round(sl)) + x[0]! * y[q]! + x[q]! * y[0]!;
  }
}
