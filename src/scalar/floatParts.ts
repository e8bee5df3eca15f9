const scratch = new DataView(new ArrayBuffer(8));

/**
 * A finite binary64 number as m · 2^−k with m an odd integer (or 0), taken apart from its bits:
 * the exact dyadic it is, with no rounding. m is below 2^53 and exact as a number.
 *
 * @param v - a finite number
 * @returns [m, k] with v = m · 2^−k, m odd or v = 0 (then [0, 0])
 * @example floatParts(-0.375) // returns [-3, 3]
 */
export function floatParts(v: number): [number, number] {
  if (v === 0) return [0, 0];
  scratch.setFloat64(0, v);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let significand = (hi & 0xfffff) * 2 ** 32 + lo + (biased === 0 ? 0 : 2 ** 52);
  const power = (biased === 0 ? 1 : biased) - 1075;
  const zeros = lo !== 0 ? ctz(lo) : 32 + ctz(significand / 2 ** 32);
  significand /= 2 ** zeros;
  return [v < 0 ? -significand : significand, -(power + zeros)];
}

/** Trailing zero bits of a positive integer below 2^32. */
function ctz(x: number): number {
  const u = x >>> 0;
  return 31 - Math.clz32(u & -u);
}
