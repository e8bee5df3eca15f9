import { exact, type Rational } from "../scalar/exact.js";

/** How many c_k are negative, zero and positive: all the topology of H(c) depends on. */
export interface SignCounts {
  negative: number;
  zero: number;
  positive: number;
}

/**
 * Counts the signs of c exactly.
 *
 * @param c - the invariants c_k
 * @returns how many are < 0, = 0 and > 0
 * @example signCounts(["-1", "0", "2"].map(exact.parse)) // returns { negative: 1, zero: 1, positive: 1 }
 */
export function signCounts(c: readonly Rational[]): SignCounts {
  const out = { negative: 0, zero: 0, positive: 0 };
  for (const v of c) {
    const s = exact.sign(v);
    if (s < 0) out.negative++;
    else if (s > 0) out.positive++;
    else out.zero++;
  }
  return out;
}
