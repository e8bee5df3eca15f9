/**
 * The one place where decimal.js constructors are made. Every computation
 * gets a constructor of its own precision instead of touching the global
 * `Decimal` settings, so computations at different precisions never
 * interfere; constructors are cached by their settings (they are never
 * reconfigured after creation).
 *
 * decimal.js itself is loaded on the first call, not when this module is: a
 * `relutopo flow` whose loss and invariants are printed from BigInt never
 * needs it, and loading it cold costs a short process about 5 ms.
 */
import { createRequire } from "node:module";
import type { Decimal } from "decimal.js";

/** A decimal.js constructor (a `Decimal.clone`). */
export type DecimalCtor = typeof Decimal;

/** Settings of {@link decimalContext} besides the precision. */
export interface DecimalContextOptions {
  /**
   * Rounding of every operation: `"half-even"` (default: the library's
   * convention, unbiased) or `"half-up"` (decimal.js's own default, kept where
   * results were computed with it and must stay bit-identical).
   */
  rounding?: "half-even" | "half-up";
  /**
   * How `toString` prints: `"plain"` (default) writes plain notation for
   * exponents in (−30, 60) (`toExpNeg: -30, toExpPos: 60`), which is the
   * printed form of every decimal number relutopo outputs; `"decimal.js"`
   * keeps decimal.js's defaults (exponential below 1e-7 and from 1e21).
   */
  notation?: "plain" | "decimal.js";
}

const cache = new Map<string, DecimalCtor>();

/** decimal.js's constructor at its own defaults, loaded on first use. */
let base: DecimalCtor | undefined;

function decimalJs(): DecimalCtor {
  base ??= createRequire(import.meta.url)("decimal.js") as DecimalCtor;
  return base;
}

/** Largest number of distinct constructors kept; beyond it the cache starts over (they are cheap to remake). */
const MAX_CACHED = 256;

/**
 * The decimal.js constructor working at `precision` significant digits.
 *
 * @param precision - significant digits of every operation, an integer in [1, 10^9]
 * @param options - rounding and printing (defaults: round half to even, plain notation strictly between 1e-30 and 1e60)
 * @returns a cached `Decimal.clone` with these settings
 * @throws DecimalError (from decimal.js) when the precision is out of range
 * @example new (decimalContext(5))(2).div(3).toString() // returns "0.66667"
 * @example new (decimalContext(3))("1e-20").toString() // returns "0.00000000000000000001"
 */
export function decimalContext(precision: number, options: DecimalContextOptions = {}): DecimalCtor {
  const rounding = options.rounding ?? "half-even";
  const notation = options.notation ?? "plain";
  const key = `${precision}|${rounding}|${notation}`;
  let D = cache.get(key);
  if (D === undefined) {
    const Decimal = decimalJs();
    const mode = rounding === "half-even" ? Decimal.ROUND_HALF_EVEN : Decimal.ROUND_HALF_UP;
    D =
      notation === "plain"
        ? Decimal.clone({ precision, rounding: mode, toExpNeg: -30, toExpPos: 60 })
        : Decimal.clone({ precision, rounding: mode });
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, D);
  }
  return D;
}
