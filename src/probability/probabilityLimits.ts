/**
 * Limits of the probability layer that `relutopo --help` prints, apart from the
 * code that uses them so that the help text loads nothing heavy (decimal.js).
 */

/** Largest number of digits a probability can be asked for. */
export const MAX_PROBABILITY_DIGITS = 500;

/** Default Monte Carlo samples per table cell (a table has many cells). */
export const DEFAULT_TABLE_SAMPLES = 10_000;

/** The named initialisation schemes. */
export type InitScheme = "kaiming-normal" | "lecun-normal" | "xavier-normal" | "kaiming-uniform" | "xavier-uniform" | "pytorch-default";

/** Every named scheme, in the order `--help` lists them. */
export const INIT_SCHEMES: readonly InitScheme[] = [
  "kaiming-normal",
  "lecun-normal",
  "xavier-normal",
  "kaiming-uniform",
  "xavier-uniform",
  "pytorch-default",
];
