import { readFileSync } from "node:fs";
import { at } from "../scalar/at.js";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { InputError } from "../errors.js";

/** The Wisconsin diagnostic data shipped in `data/`, relative to this module (src/ or dist/). */
export const BREAST_CANCER_CSV: string = fileURLToPath(new URL("../../data/breast_cancer.csv", import.meta.url));

/** The raw data: 30 features per row and a 0/1 label (1 = benign). */
export interface LabelledData {
  readonly X: number[][];
  readonly y: number[];
}

/**
 * Reads the breast-cancer CSV (header `569,30,malignant,benign`, then 30
 * features and the label per row).
 *
 * @param path - the CSV file (default: the copy in `data/`)
 * @returns the features and labels
 * @example readBreastCancer().X.length // returns 569
 * @throws InputError when the file is missing or malformed
 */
export function readBreastCancer(path: string = BREAST_CANCER_CSV): LabelledData {
  let rows: string[][];
  try {
    rows = parse(readFileSync(path, "utf8"), { skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (err) {
    throw new InputError({ field: "breast-cancer data", expected: "a CSV file", value: path, note: (err as Error).message });
  }
  const [n, d] = (rows[0] ?? []).map(Number);
  if (n === undefined || d === undefined || rows.length !== n + 1)
    throw new InputError({
      field: `breast-cancer data at ${path}`,
      expected: "the header row n,d,… and n rows",
      value: rows[0]?.join(",") ?? "",
    });
  const X: number[][] = [];
  const y: number[] = [];
  for (const row of rows.slice(1)) {
    const v = row.map(Number);
    if (v.length !== d + 1 || v.some((x) => !Number.isFinite(x)))
      throw new InputError({ field: "breast-cancer row", expected: `${d} numbers and a label`, value: row.join(",") });
    X.push(v.slice(0, d));
    y.push(at(v, d));
  }
  return { X, y };
}
