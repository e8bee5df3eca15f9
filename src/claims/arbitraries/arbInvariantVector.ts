import fc from "fast-check";
import { at } from "../../scalar/at.js";
import { arbRational, type RationalConstraints } from "./arbRational.js";
import type { SizeRange } from "./arbProblem.js";
import { sizeRange } from "../_internals/sizeRange.js";

/** Constraints of {@link arbInvariantVector}. */
export interface InvariantVectorConstraints {
  /** Length l of the vector (default 1..4). */
  length?: SizeRange;
  /** Size of the non-zero values (default |num| ≤ 4, den ≤ 2). */
  values?: RationalConstraints;
  /** At most this many distinct non-zero values (default 2), so that repeats are common. */
  distinct?: number;
}

/**
 * Invariant vectors c = (c_1 … c_l) as exact text, with zeros and repeated values
 * common (exact equality of c_k decides which neurons a permutation may exchange).
 * Entries are picked from a small pool of non-zero rationals plus 0; shrinking moves
 * toward shorter vectors and toward the first pool value.
 *
 * @param constraints - length, value size, pool size
 * @example fc.sample(arbInvariantVector({ length: { min: 3, max: 3 } }), 5).map((c) => c.length) // returns [3, 3, 3, 3, 3]
 */
export function arbInvariantVector(constraints: InvariantVectorConstraints = {}): fc.Arbitrary<string[]> {
  const len = sizeRange(constraints.length, 1, 4, "length");
  const distinct = constraints.distinct ?? 2;
  if (!Number.isSafeInteger(distinct) || distinct < 1)
    throw new Error(`arbInvariantVector: invalid distinct. Must be a positive integer. Value: \`${distinct}\`.`);
  const pool = fc.uniqueArray(arbRational({ maxNum: 4, maxDen: 2, ...constraints.values, sign: "nonzero" }), {
    minLength: 1,
    maxLength: distinct,
    size: "max",
  });
  const picks = fc.array(fc.nat({ max: distinct }), { minLength: len.min, maxLength: len.max, size: "max" });
  return fc.tuple(pool, picks).map(([values, idx]) => idx.map((i) => (i < values.length ? at(values, i) : "0")));
}
