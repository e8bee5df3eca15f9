/**
 * Powers of two as BigInt and as decimal text, cached: a weight file of a million float32
 * values uses a few hundred distinct denominators 2^k, so each is built once, not per value.
 * Not exported from the barrel: shared by the fast exact paths of `floatText`, `exact.parse`
 * and `dyadicFraction`.
 */
const big = new Map<number, bigint>();
const text = new Map<number, string>();
const exponentOfBig = new Map<bigint, number>();

/** Exponents cached for lookups by value: enough for every float64 (2^1074 is its smallest step). */
const MAX_CACHED = 1100;

/** 2^k as a BigInt (k ≥ 0). @internal */
export function powerOfTwo(k: number): bigint {
  let v = big.get(k);
  if (v === undefined) {
    v = 1n << BigInt(k);
    if (k <= MAX_CACHED) big.set(k, v);
  }
  return v;
}

/** 2^k as decimal text (k ≥ 0). @internal */
export function powerOfTwoText(k: number): string {
  let v = text.get(k);
  if (v === undefined) {
    v = powerOfTwo(k).toString();
    if (k <= MAX_CACHED) text.set(k, v);
  }
  return v;
}

function fill(): void {
  if (exponentOfBig.size > 0) return;
  for (let k = 0; k <= MAX_CACHED; k++) exponentOfBig.set(powerOfTwo(k), k);
}

/**
 * k when `s` is the decimal text of 2^k with k ≤ 1100, else undefined. Only the two or three
 * exponents whose powers have as many digits as `s` are compared: no table of all 1101 texts
 * (whose decimal conversions would cost every process that parses one fraction ~10 ms).
 *
 * @internal
 */
export function exponentOfPowerOfTwoText(s: string): number | undefined {
  // 2^k has ⌊k·log10(2)⌋ + 1 digits; one exponent either side covers rounding in the bounds
  const low = Math.max(0, Math.ceil((s.length - 1) / Math.log10(2)) - 1);
  const high = Math.min(MAX_CACHED, Math.floor(s.length / Math.log10(2)) + 1);
  for (let k = low; k <= high; k++) if (powerOfTwoText(k) === s) return k;
  return undefined;
}

/** k when `d` is 2^k with k ≤ 1100, else undefined. @internal */
export function exponentOfPowerOfTwo(d: bigint): number | undefined {
  fill();
  return exponentOfBig.get(d);
}
