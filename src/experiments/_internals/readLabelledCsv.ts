import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { InputError } from "../../errors.js";
import { at } from "../../scalar/at.js";
import type { LabelledData } from "../readBreastCancer.js";

/**
 * Reads a labelled CSV of the shape the files in `data/` share: a header `n,d,class names…`,
 * then n rows of d numbers and the label.
 *
 * @param path - the CSV file
 * @param what - the data set's name, for messages
 * @returns the features and labels
 * @throws InputError when the file is missing or malformed
 * @internal
 */
export function readLabelledCsv(path: string, what: string): LabelledData {
  let rows: string[][];
  try {
    rows = parse(readFileSync(path, "utf8"), { skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (err) {
    throw new InputError({ field: `${what} data`, expected: "a CSV file", value: path, note: (err as Error).message });
  }
  const [n, d] = (rows[0] ?? []).map(Number);
  if (n === undefined || d === undefined || rows.length !== n + 1)
    throw new InputError({
      field: `${what} data at ${path}`,
      expected: "the header row n,d,… and n rows",
      value: rows[0]?.join(",") ?? "",
    });
  const X: number[][] = [];
  const y: number[] = [];
  for (const row of rows.slice(1)) {
    const v = row.map(Number);
    if (v.length !== d + 1 || v.some((x) => !Number.isFinite(x)))
      throw new InputError({ field: `${what} row`, expected: `${d} numbers and a label`, value: row.join(",") });
    X.push(v.slice(0, d));
    y.push(at(v, d));
  }
  return { X, y };
}
