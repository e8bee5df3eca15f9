import fc from "fast-check";
import type { Dataset } from "../../net/readDataset.js";
import type { SizeRange } from "./arbProblem.js";
import { sizeRange } from "../_internals/sizeRange.js";
import { arbRational, type RationalConstraints } from "./arbRational.js";

/** Constraints of {@link arbDataset}. */
export interface DatasetConstraints {
  /** Number of points n (default 1..3); shrinking removes points. */
  points?: SizeRange;
  /** Size of the inputs (default |num| ≤ 4, den ≤ 2). */
  inputValues?: RationalConstraints;
  /** Size of the targets (default |num| ≤ 4, den ≤ 2). */
  targetValues?: RationalConstraints;
}

/**
 * Random training sets with d inputs and e targets per point, as exact text.
 *
 * @param d - input dimension
 * @param e - output dimension
 * @param constraints - number of points and value sizes
 * @example fc.sample(arbDataset(2, 1), 1)[0].X[0].length // returns 2
 */
export function arbDataset(d: number, e: number, constraints: DatasetConstraints = {}): fc.Arbitrary<Dataset<string>> {
  if (!Number.isSafeInteger(d) || d < 1 || !Number.isSafeInteger(e) || e < 1)
    throw new Error(`arbDataset: invalid dimensions. Must be positive integers. Value: \`${d}, ${e}\`.`);
  const n = sizeRange(constraints.points, 1, 3, "points");
  const row = (len: number, c: RationalConstraints): fc.Arbitrary<string[]> => fc.array(arbRational(c), { minLength: len, maxLength: len });
  return fc
    .array(
      fc.tuple(row(d, constraints.inputValues ?? { maxNum: 4, maxDen: 2 }), row(e, constraints.targetValues ?? { maxNum: 4, maxDen: 2 })),
      { minLength: n.min, maxLength: n.max, size: "max" },
    )
    .map((pts) => ({ X: pts.map(([x]) => x), Y: pts.map(([, y]) => y) }));
}
