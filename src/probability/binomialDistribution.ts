import { at } from "../scalar/at.js";
import { InputError } from "../errors.js";
import { decimalContext } from "../scalar/decimalContext.js";
import { formatDigits } from "./_internals/decimalFormat.js";
import type { HighPrecision } from "./_internals/evaluateParts.js";

/** Largest width whose distribution is printed in full. */
export const MAX_DISTRIBUTION_WIDTH = 100_000;

/**
 * The law of the number K of pathological neurons among l independent ones,
 * Binomial(l, p): P(K = k) = C(l, k) p^k (1 − p)^{l−k} for k = 0…l, computed
 * from p and 1 − p at high precision (binomial coefficients by their ratio recurrence,
 * powers by repeated products with log10(l) guard digits) and rounded once.
 *
 * @param p - p and 1 − p at high precision (from the closed form or a Monte Carlo estimate)
 * @param onProgress - told now and then the fraction of the work done (two powers and one pass over k)
 * @returns l + 1 decimal strings, k = 0 first
 * @throws InputError when l exceeds MAX_DISTRIBUTION_WIDTH
 * @internal
 */
export function binomialDistribution(p: HighPrecision, width: number, digits: number, onProgress?: (fraction: number) => void): string[] {
  if (width > MAX_DISTRIBUTION_WIDTH)
    throw new InputError({ field: "width", expected: `at most ${MAX_DISTRIBUTION_WIDTH} for the distribution`, value: String(width) });
  const D = decimalContext(p.precision + 2 * String(width).length + 5);
  const pv = new D(p.value);
  const qv = new D(p.oneMinus);
  // three passes of l steps each: p^k, (1 − p)^k, and the terms
  const tell = (pass: number, k: number): void => {
    if (onProgress !== undefined && k % 1024 === 0) onProgress((pass * width + k) / (3 * width));
  };
  const powers = (x: InstanceType<typeof D>, pass: number): InstanceType<typeof D>[] => {
    const out = [new D(1)];
    for (let k = 1, y = new D(1); k <= width; k++) {
      tell(pass, k);
      y = y.times(x);
      out.push(y);
    }
    return out;
  };
  const pPow = powers(pv, 0);
  const qPow = powers(qv, 1);
  const out: string[] = [];
  // C(l, k) by its ratio recurrence at the working precision: an exact BigInt
  // of up to l·log10(2) digits converted to decimal at every k made the whole
  // law quadratic in l (minutes at l = 100 000); the l roundings stay within
  // the guard digits, as the repeated products of the powers do.
  let choose = new D(1);
  for (const [k, pk] of pPow.entries()) {
    tell(2, k);
    out.push(formatDigits(choose.times(pk).times(at(qPow, width - k)), digits));
    choose = choose.times(width - k).dividedBy(k + 1);
  }
  onProgress?.(1);
  return out;
}
