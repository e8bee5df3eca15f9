import { fileURLToPath } from "node:url";
import { readLabelledCsv } from "./_internals/readLabelledCsv.js";

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
  return readLabelledCsv(path, "breast-cancer");
}
