import type { Scalar } from "../scalar/scalar.js";
import type { Dataset } from "./readDataset.js";

/** Converts a data set of exact text into arithmetic `S`. */
export function datasetIn<T>(data: Dataset<string>, S: Scalar<T>): Dataset<T> {
  return { X: data.X.map((r) => r.map((v) => S.parse(v))), Y: data.Y.map((r) => r.map((v) => S.parse(v))) };
}
