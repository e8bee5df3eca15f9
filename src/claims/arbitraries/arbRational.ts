import fc from "fast-check";
import { exact } from "../../scalar/exact.js";

/** Bounds of {@link arbRational}: the value is num/den with |num| ≤ maxNum and 1 ≤ den ≤ maxDen. */
export interface RationalConstraints {
  /** Largest |numerator| (default 6). */
  maxNum?: number;
  /** Largest denominator (default 4); 1 gives integers. */
  maxDen?: number;
  /** `any` (default), `nonzero`, `positive` or `negative`. */
  sign?: "any" | "nonzero" | "positive" | "negative";
}

/** @internal Defaults filled in one place; throws an Error naming the API on nonsense bounds. */
function rationalDefaults(c: RationalConstraints = {}): Required<RationalConstraints> {
  const maxNum = c.maxNum ?? 6;
  const maxDen = c.maxDen ?? 4;
  const sign = c.sign ?? "any";
  if (!Number.isSafeInteger(maxNum) || maxNum < 1)
    throw new Error(`arbRational: invalid maxNum. Must be an integer >= 1. Value: \`${maxNum}\`.`);
  if (!Number.isSafeInteger(maxDen) || maxDen < 1)
    throw new Error(`arbRational: invalid maxDen. Must be an integer >= 1. Value: \`${maxDen}\`.`);
  return { maxNum, maxDen, sign };
}

/**
 * Rationals as exact text ("-3/2", "0", "5"), built from two small integers so
 * that fast-check's integer shrinking moves toward 0 (or ±1) and toward
 * denominator 1: counterexamples come out with the simplest fractions.
 *
 * @param constraints - size and sign of the values
 * @returns an arbitrary of canonical rational texts (reduced, "p/q" or an integer)
 * @example fc.sample(arbRational({ maxNum: 1, maxDen: 1, sign: "positive" }), 2) // returns ["1", "1"]
 */
export function arbRational(constraints: RationalConstraints = {}): fc.Arbitrary<string> {
  const { maxNum, maxDen, sign } = rationalDefaults(constraints);
  const den = fc.integer({ min: 1, max: maxDen });
  let num: fc.Arbitrary<number>;
  if (sign === "positive") num = fc.integer({ min: 1, max: maxNum });
  else if (sign === "negative") num = fc.integer({ min: 1, max: maxNum }).map((p) => -p);
  else if (sign === "nonzero") num = fc.tuple(fc.integer({ min: 1, max: maxNum }), fc.boolean()).map(([p, neg]) => (neg ? -p : p));
  else num = fc.integer({ min: -maxNum, max: maxNum });
  return fc.tuple(num, den).map(([p, q]) => exact.toString(exact.fromRational(BigInt(p), BigInt(q))));
}
