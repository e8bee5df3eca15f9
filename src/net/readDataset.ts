import { createRequire } from "node:module";
import type * as CsvSync from "csv-parse/sync";
import { InputError, ShapeError } from "../errors.js";
import { inputLimits } from "../io/inputLimits.js";
import { parseRational } from "../scalar/parseRational.js";

/** Inputs `X` (n×d) and targets `Y` (n×e), as exact user text or in some arithmetic. */
export interface Dataset<T> {
  readonly X: readonly (readonly T[])[];
  readonly Y: readonly (readonly T[])[];
}

// A plain decimal with an exponent of at most five digits is a number parseRational accepts:
// checked by this pattern alone, so that a large file is validated without building a BigInt per cell.
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,5})?$/;

/**
 * csv-parse, loaded on first use as its one-file CommonJS build: only a CSV with quotes needs it, and
 * its ES modules take longer to load than a small `flow` takes to read its data.
 */
function csvParse(): typeof CsvSync.parse {
  return (createRequire(import.meta.url)("csv-parse/sync") as typeof CsvSync).parse;
}

/** Carries a validation failure out of csv-parse's record callback unchanged. */
class Stop extends Error {
  constructor(readonly inner: InputError) {
    super(inner.message);
  }
}

/**
 * Reads a CSV with a header row; the last `e` columns are targets, the `d` before them inputs.
 * Each row is checked as soon as it is parsed, so a bad row stops the reading there.
 *
 * @param text - the CSV text
 * @param d - input columns
 * @param e - target columns
 * @param what - the file name, for messages
 * @returns the rows split into inputs and targets, as exact texts
 * @throws InputError for a malformed file or a non-number, or more cells than `inputLimits().maxCsvCells` (field
 *   `maxInputMib`); ShapeError when a row is not d + e wide
 * @example readDataset("x,y\n1,2\n", 1, 1).Y // returns [["2"]]
 */
export function readDataset(text: string, d: number, e: number, what = "data"): Dataset<string> {
  const X: string[][] = [];
  const Y: string[][] = [];
  let header = false;
  const { maxBytes, maxCsvCells } = inputLimits();
  const check = (row: string[], line: number): void => {
    if (!header) {
      header = true;
      return;
    }
    // Bounded by cells as well as bytes: short cells (`0,0,…`) under the byte limit would still fill the memory.
    if ((X.length + 1) * row.length > maxCsvCells)
      throw new InputError({
        field: "maxInputMib",
        expected: `raised to read ${what}, a CSV of more than ${maxCsvCells} cells (rows × columns; N MiB allow N/4 Mi cells)`,
        value: String(Math.round(maxBytes / (1024 * 1024))),
      });
    if (row.length !== d + e)
      throw new ShapeError(`${what} row ${line}`, `${row.length} columns`, `${d + e} columns (${d} inputs + ${e} targets)`);
    for (const [c, cell] of row.entries()) {
      if (PLAIN.test(cell)) continue;
      try {
        parseRational(cell);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        throw new InputError({
          field: `data in ${what} row ${line}, column ${c + 1}`,
          expected: err.data?.expected ?? "a number",
          value: cell,
        });
      }
    }
    X.push(row.slice(0, d));
    Y.push(row.slice(d));
  };
  if (!text.includes('"')) {
    // Without quotes a CSV is lines of comma-separated cells: split directly (csv-parse takes
    // seconds on a large file), with the same trimming and the same empty lines skipped.
    let line = 0;
    for (const raw of text.split(/\r\n|\n|\r/)) {
      if (raw.trim() === "") continue;
      line++;
      check(
        raw.split(",").map((c) => c.trim()),
        line,
      );
    }
  } else
    try {
      csvParse()(text, {
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
        // Rows are validated and kept here, one at a time; the parser keeps none of them.
        on_record: (row: string[], context) => {
          try {
            check(row, context.records);
          } catch (err) {
            throw new Stop(err as InputError);
          }
          return null;
        },
      });
    } catch (err) {
      if (err instanceof Stop) throw err.inner;
      const inner = (err as { cause?: unknown }).cause;
      if (inner instanceof Stop) throw inner.inner;
      throw new InputError({ field: "CSV", expected: "valid CSV", value: what, note: `${(err as Error).message}.` });
    }
  if (X.length === 0) throw new InputError({ field: "data", expected: "a CSV with a header row and at least one data row", value: what });
  return { X, Y };
}
