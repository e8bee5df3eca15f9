import type { Dataset } from "../net/readDataset.js";
import { at } from "../scalar/at.js";
import { exact } from "../scalar/exact.js";

/** A data set of exact text as CSV with a header row (x1 … xd, y1 … ye), the form `--data` reads. */
export function datasetCsv(data: Dataset<string>): string {
  const d = data.X[0]?.length ?? 0;
  const e = data.Y[0]?.length ?? 0;
  const header = [...Array.from({ length: d }, (_, m) => `x${m + 1}`), ...Array.from({ length: e }, (_, j) => `y${j + 1}`)];
  const rows = data.X.map((x, i) => [...x, ...at(data.Y, i)].map((v) => exact.toString(exact.parse(v))).join(","));
  return `${[header.join(","), ...rows].join("\n")}\n`;
}
