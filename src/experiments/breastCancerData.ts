import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { InputError } from "../errors.js";
import type { FloatData } from "../net/kernels/floatKernel.js";
import { seededRandom } from "../scalar/seededRandom.js";

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
 * @throws InputError when the file is missing or malformed
 */
export function readBreastCancer(path: string = BREAST_CANCER_CSV): LabelledData {
  let rows: string[][];
  try {
    rows = parse(readFileSync(path, "utf8"), { skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (err) {
    throw new InputError(`invalid breast-cancer data at ${path}: ${(err as Error).message}`);
  }
  const [n, d] = (rows[0] ?? []).map(Number);
  if (n === undefined || d === undefined || rows.length !== n + 1) throw new InputError(`invalid breast-cancer data at ${path}. Must have the header row n,d,… and n rows. Value: \`${rows[0]?.join(",")}\`.`);
  const X: number[][] = [];
  const y: number[] = [];
  for (const row of rows.slice(1)) {
    const v = row.map(Number);
    if (v.length !== d + 1 || v.some((x) => !Number.isFinite(x))) throw new InputError(`invalid breast-cancer row. Must be ${d} numbers and a label. Value: \`${row.join(",")}\`.`);
    X.push(v.slice(0, d));
    y.push(v[d]!);
  }
  return { X, y };
}

/** A train/test split, standardised with the training statistics. */
export interface StandardisedSplit {
  readonly d: number;
  readonly train: FloatData;
  readonly test: FloatData;
  /** Row indices (into the file) of each part, for the record. */
  readonly trainRows: number[];
  readonly testRows: number[];
}

/**
 * Shuffles the rows with a seeded Fisher–Yates, holds out `testFraction` of
 * them, and standardises every feature to zero mean and unit variance with the
 * mean and (population) standard deviation of the training rows only.
 */
export function splitAndStandardise(data: LabelledData, seedKey: string, testFraction: number): StandardisedSplit {
  const n = data.X.length;
  const d = data.X[0]?.length ?? 0;
  const order = Array.from({ length: n }, (_, i) => i);
  const rng = seededRandom(seedKey);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const nTest = Math.round(n * testFraction);
  const testRows = order.slice(0, nTest).sort((a, b) => a - b);
  const trainRows = order.slice(nTest).sort((a, b) => a - b);
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const i of trainRows) for (let m = 0; m < d; m++) mean[m] += data.X[i]![m]!;
  for (let m = 0; m < d; m++) mean[m] /= trainRows.length;
  for (const i of trainRows) for (let m = 0; m < d; m++) sd[m] += (data.X[i]![m]! - mean[m]!) ** 2;
  for (let m = 0; m < d; m++) sd[m] = Math.sqrt(sd[m]! / trainRows.length) || 1;
  const pack = (rows: number[]): FloatData => {
    const X = new Float64Array(rows.length * d);
    const Y = new Float64Array(rows.length);
    rows.forEach((i, r) => {
      for (let m = 0; m < d; m++) X[r * d + m] = (data.X[i]![m]! - mean[m]!) / sd[m]!;
      Y[r] = data.y[i]!;
    });
    return { n: rows.length, X, Y };
  };
  return { d, train: pack(trainRows), test: pack(testRows), trainRows, testRows };
}
