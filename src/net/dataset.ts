import { parse } from "csv-parse/sync";
import { InputError, ShapeError } from "../errors.js";
import { parseRational } from "../scalar/parseRational.js";
import type { Scalar } from "../scalar/scalar.js";

/** Inputs `X` (n×d) and targets `Y` (n×e), as exact user text or in some arithmetic. */
export interface Dataset<T> {
  readonly X: readonly (readonly T[])[];
  readonly Y: readonly (readonly T[])[];
}

/**
 * Reads a CSV with a header row; the last `e` columns are targets, the `d` before them inputs.
 *
 * @throws InputError for a malformed file or a non-number; ShapeError when a row is not d + e wide
 */
export function readDataset(text: string, d: number, e: number, what = "data"): Dataset<string> {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (err) {
    throw new InputError(`invalid CSV in ${what}: ${(err as Error).message}`);
  }
  if (rows.length < 2) throw new InputError(`invalid data in ${what}: needs a header row and at least one data row`);
  const X: string[][] = [];
  const Y: string[][] = [];
  rows.slice(1).forEach((row, r) => {
    if (row.length !== d + e)
      throw new ShapeError(`${what} row ${r + 2}`, `${row.length} columns`, `${d + e} columns (${d} inputs + ${e} targets)`);
    row.forEach((cell, c) => {
      try {
        parseRational(cell);
      } catch (err) {
        throw new InputError(`invalid data in ${what} row ${r + 2}, column ${c + 1}: ${(err as Error).message}`);
      }
    });
    X.push(row.slice(0, d));
    Y.push(row.slice(d));
  });
  return { X, Y };
}

/** Converts a data set of exact text into arithmetic `S`. */
export function datasetIn<T>(data: Dataset<string>, S: Scalar<T>): Dataset<T> {
  return { X: data.X.map((r) => r.map((v) => S.parse(v))), Y: data.Y.map((r) => r.map((v) => S.parse(v))) };
}
