import { InputError } from "../errors.js";
import { decimalContext } from "../scalar/decimalContext.js";
import { formatDigits } from "./_internals/decimalFormat.js";

/** Two-sided normal quantiles z_{1−α/2} to 60 digits (computed with mpmath: √2·erfinv(level)). */
const Z: Record<string, string> = {
  "0.95": "1.95996398454005423552459443052055152795555007786954839847695",
  "0.99": "2.57582930354890076097857674860381411730601763427631737646049",
  "0.999": "3.29052673149189479322162703537464917921622692567739007699388",
};

/** The confidence levels {@link wilsonInterval} knows. */
export const CONFIDENCE_LEVELS: readonly string[] = Object.keys(Z);

/**
 * The Wilson score interval for a binomial proportion: `hits` successes in
 * `samples` trials, at confidence 0.95, 0.99 or 0.999,
 *
 *   (k + z²/2)/(n + z²) ± z/(n + z²) · √(k(n − k)/n + z²/4),
 *
 * evaluated in decimal and printed to `digits` significant digits. Unlike the
 * Wald interval it stays inside [0, 1] and is not degenerate at k = 0 or n.
 *
 * @throws InputError for an unknown level or hits outside [0, samples]
 * @example wilsonInterval(0, 10, "0.95", 4) // returns ["0", "0.2775"]
 */
export function wilsonInterval(hits: number, samples: number, level = "0.95", digits = 20): [string, string] {
  const zText = Z[level];
  if (zText === undefined)
    throw new InputError({ field: "confidence level", expected: `one of ${CONFIDENCE_LEVELS.join(", ")}`, value: String(level) });
  if (!Number.isInteger(hits) || !Number.isInteger(samples) || samples < 1 || hits < 0 || hits > samples) {
    throw new InputError({ field: "counts", expected: "integers with 0 ≤ hits ≤ samples, samples ≥ 1", value: `${hits}/${samples}` });
  }
  const D = decimalContext(digits + 12);
  const z = new D(zText);
  const z2 = z.times(z);
  const k = new D(hits);
  const n = new D(samples);
  const denom = n.plus(z2);
  const centre = k.plus(z2.div(2)).div(denom);
  const half = z.div(denom).times(k.times(n.minus(k)).div(n).plus(z2.div(4)).sqrt());
  const lo = hits === 0 ? new D(0) : centre.minus(half);
  const hi = hits === samples ? new D(1) : centre.plus(half);
  return [formatDigits(lo, digits), formatDigits(hi, digits)];
}
