import { fileURLToPath } from "node:url";
import { readLabelledCsv } from "./_internals/readLabelledCsv.js";
import type { LabelledData } from "./readBreastCancer.js";

/** The 8 × 8 handwritten digits shipped in `data/`, relative to this module (src/ or dist/). */
export const DIGITS_CSV: string = fileURLToPath(new URL("../../data/digits.csv", import.meta.url));

/**
 * Reads the digits CSV (header `1797,64,0,…,9`, then 64 pixel intensities 0–16, the image
 * row by row, and the digit per row).
 *
 * @param path - the CSV file (default: the copy in `data/`)
 * @returns the pixels and labels
 * @example readDigits().X[0].length // returns 64
 * @throws InputError when the file is missing or malformed
 */
export function readDigits(path: string = DIGITS_CSV): LabelledData {
  return readLabelledCsv(path, "digits");
}
