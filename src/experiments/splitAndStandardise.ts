import type { Dataset } from "../net/readDataset.js";
import { at } from "../scalar/at.js";
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
    [order[i], order[j]] = [at(order, j), at(order, i)];
  }
  const nTest = Math.round(n * testFraction);
  const testRows = order.slice(0, nTest).sort((a, b) => a - b);
  const trainRows = order.slice(nTest).sort((a, b) => a - b);
  const train = trainRows.map((i) => at(data.X, i));
  // Sums in row order, as a running total per feature would add them.
  const mean = Array.from({ length: d }, (_, m) => train.reduce((s, x) => s + at(x, m), 0) / train.length);
  const sd = mean.map((mu, m) => Math.sqrt(train.reduce((s, x) => s + (at(x, m) - mu) ** 2, 0) / train.length) || 1);
  const pack = (rows: number[]): Dataset<number> => ({
    X: rows.map((i) => {
      const x = at(data.X, i);
      return mean.map((mu, m) => (at(x, m) - mu) / at(sd, m));
    }),
    Y: rows.map((i) => [at(data.y, i)]),
  });
  return { d, train: pack(trainRows), test: pack(testRows), trainRows, testRows };
}
