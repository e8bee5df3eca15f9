import type { Dataset } from "../net/readDataset.js";
import { seededRandom } from "../scalar/seededRandom.js";
import type { LabelledData } from "./readBreastCancer.js";

/** A train/test split, standardised with the training statistics. */
export interface StandardisedSplit {
  readonly d: number;
  readonly train: Dataset<number>;
  readonly test: Dataset<number>;
  /** Row indices (into the file) of each part, for the record. */
  readonly trainRows: number[];
  readonly testRows: number[];
}

/**
 * Shuffles the rows with a seeded Fisher–Yates, holds out `testFraction` of
 * them, and standardises every feature to zero mean and unit variance with the
 * mean and (population) standard deviation of the training rows only.
 *
 * @param data - the features and labels
 * @param seedKey - the seed key of the shuffle
 * @param testFraction - the fraction of rows held out
 * @returns both parts, standardised, and the rows each holds
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
  for (const i of trainRows) for (let m = 0; m < d; m++) mean[m]! += data.X[i]![m]!;
  for (let m = 0; m < d; m++) mean[m]! /= trainRows.length;
  for (const i of trainRows) for (let m = 0; m < d; m++) sd[m]! += (data.X[i]![m]! - mean[m]!) ** 2;
  for (let m = 0; m < d; m++) sd[m] = Math.sqrt(sd[m]! / trainRows.length) || 1;
  const pack = (rows: number[]): Dataset<number> => ({
    X: rows.map((i) => Array.from({ length: d }, (_, m) => (data.X[i]![m]! - mean[m]!) / sd[m]!)),
    Y: rows.map((i) => [data.y[i]!]),
  });
  return { d, train: pack(trainRows), test: pack(testRows), trainRows, testRows };
}
