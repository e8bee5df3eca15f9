import type { Dataset } from "../../net/readDataset.js";
import { isStringMatrix } from "./isStringMatrix.js";

/** @internal A data set of exact text. */
export function isTextDataset(v: unknown): v is Dataset<string> {
  if (v === null || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  return isStringMatrix(o.X) && isStringMatrix(o.Y) && o.X.length === o.Y.length && o.X.length > 0;
}
