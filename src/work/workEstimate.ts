/**
 * How long a computation is expected to take, estimated before it starts from
 * its size in abstract units (rows, digit² × steps × parameters, …) times a
 * per-unit cost measured once on a laptop core. Commands refuse what would
 * run past their cap instead of hanging.
 */
export interface WorkEstimate {
  /** Estimated seconds on one laptop core. */
  readonly seconds: number;
  /** The size the estimate comes from, in words (`40 000 rows`, `3 steps × 10^5 digits`). */
  readonly detail: string;
}

/**
 * A work estimate from a number of units and the measured cost of one.
 *
 * @param units - the size of the work in its own unit (may exceed 2^53: only its magnitude matters)
 * @param secondsPerUnit - the measured cost of one unit
 * @param detail - the size in words, shown when the work is refused
 * @returns the estimate, never NaN (an infinite or NaN size counts as infinite)
 * @example workEstimate(40_000, 1e-4, "40 000 rows").seconds // returns 4
 */
export function workEstimate(units: number, secondsPerUnit: number, detail: string): WorkEstimate {
  const seconds = units * secondsPerUnit;
  return { seconds: Number.isNaN(seconds) ? Number.POSITIVE_INFINITY : Math.max(0, seconds), detail };
}
