import { dyadicFraction } from "../../scalar/dyadicFraction.js";
import type { Rational } from "../../scalar/exact.js";

const MAX_K = 1100;
const SPAN = 2 * MAX_K + 1;
const SPLIT = 2 ** 26;
const SMALL = 1n << 26n;

/** One double and its two 32-bit halves; HIGH is the index of the half holding sign and exponent on this platform. */
const word = new Float64Array(1);
const half = new Uint32Array(word.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
/** SCALE[b] = 2^(23 − E) for the biased exponent b = E + 1023 (∞ where that power overflows). */
const SCALE = Float64Array.from({ length: 2048 }, (_, b) => 2 ** (1046 - b));

/**
 * Exact sums of ± squares of dyadic rationals m/2^k, with no gcd per term. A square is
 * m²/2^(2k); for |m| < 2^26, m² < 2^52 is an exact double, split into 26-bit halves that are
 * summed per k in doubles (exact for 2^27 terms). Larger numerators go to a BigInt per k.
 * One BigInt sum and one shift per bucket at the end give the exact result.
 *
 * @internal
 */
export class SquareSums {
  private readonly hi = new Float64Array(SPAN);
  private readonly lo = new Float64Array(SPAN);
  private readonly big = new Map<number, bigint>();
  private readonly touched: number[] = [];
  private readonly isTouched = new Uint8Array(SPAN);

  /** Adds sign · (m/2^k)², m an integer given as a number (exact) or a BigInt; false when |k| > 1100. */
  add(m: number | bigint, k: number, sign: 1 | -1): boolean {
    if (k > MAX_K || k < -MAX_K) return false;
    const i = k + MAX_K;
    if (this.isTouched[i] === 0) {
      this.isTouched[i] = 1;
      this.touched.push(i);
    }
    if (typeof m === "number" && m < SPLIT && m > -SPLIT) {
      const sq = m * m;
      const h = Math.floor(sq / SPLIT);
      this.hi[i]! += sign * h;
      this.lo[i]! += sign * (sq - h * SPLIT);
    } else {
      const b = BigInt(m);
      this.big.set(i, (this.big.get(i) ?? 0n) + (sign > 0 ? b * b : -(b * b)));
    }
    return true;
  }

  /**
   * Adds sign · v² for a finite number v, taken apart from its bits as m · 2^−k without
   * allocating (this runs once per weight of a file). A value with at most 24 significant bits
   * (every float32, float16 and bfloat16) takes the fast path: with E its binary exponent,
   * M = v · 2^(23−E) is an integer below 2^24, found with one multiplication by a power of two
   * (exact), and v² = M² · 2^(2E−46) goes to the bucket of E, with no trailing zeros stripped.
   */
  addFloat(v: number, sign: 1 | -1): void {
    if (v === 0) return;
    word[0] = v;
    const biased = (half[HIGH]! >>> 20) & 0x7ff;
    // ±Infinity for the exponents too small to scale in one step: they take the general path
    const M = v * SCALE[biased]!;
    if ((M | 0) === M) {
      const i = 1046 - biased + MAX_K;
      if (this.isTouched[i] === 0) {
        this.isTouched[i] = 1;
        this.touched.push(i);
      }
      const sq = M * M;
      const h = Math.floor(sq / SPLIT);
      this.hi[i]! += sign * h;
      this.lo[i]! += sign * (sq - h * SPLIT);
      return;
    }
    const lo = half[1 - HIGH]!;
    const hi = half[HIGH]!;
    let m = (hi & 0xfffff) * 4294967296 + lo + (biased === 0 ? 0 : 4503599627370496);
    // strip trailing zero bits, so that m is as small as it can be
    const zeros = lo !== 0 ? 31 - Math.clz32(lo & -lo) : 32 + (31 - Math.clz32((m / 4294967296) & -(m / 4294967296)));
    m /= 2 ** zeros;
    this.add(m, 1075 - (biased === 0 ? 1 : biased) - zeros, sign);
  }

  /** The sum so far, exactly, and a reset for the next one. */
  take(): Rational {
    let top = 0;
    for (const i of this.touched) if (i > top) top = i;
    let num = 0n;
    for (const i of this.touched) {
      const part = BigInt(this.hi[i]!) * SMALL + BigInt(this.lo[i]!) + (this.big.get(i) ?? 0n);
      num += part << BigInt(2 * (top - i));
      this.hi[i] = 0;
      this.lo[i] = 0;
      this.isTouched[i] = 0;
    }
    this.touched.length = 0;
    this.big.clear();
    return dyadicFraction(num, 2 * (top - MAX_K));
  }
}
