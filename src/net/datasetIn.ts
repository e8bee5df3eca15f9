import type { Scalar } from "../scalar/scalar.js";
import type { Dataset } from "./readDataset.js";

/**
 * Converts a data set of exact text into arithmetic `S`.
 *
 * @example datasetIn(readDataset("x,y\n1/2,3\n", 1, 1), exact).X[0].map(exact.toString) // returns ["1/2"]
 */
export function datasetIn<T>(data: Dataset<string>, S: Scalar<T>): Dataset<T> {
  return { X: data.X.map((r) => r.map((v) => S.parse(v))), Y: data.Y.map((r) => r.map((v) => S.parse(v))) };
}
