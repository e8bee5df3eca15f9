import { InputError } from "../errors.js";
import type { Initialisation } from "./neuronLaw.js";
import { DEFAULT_TABLE_SAMPLES } from "./probabilityLimits.js";
import { probabilityReport, type ProbabilityMethod, type ProbabilityReport } from "./probabilityReport.js";

/** Options of {@link probabilityTable}. */
export interface ProbabilityTableOptions {
  /** significant digits (default 20) */
  digits?: number;
  method?: ProbabilityMethod;
  /** Monte Carlo samples per cell (default 10 000) */
  samples?: number;
  seed?: number;
  /** called after each row with the number of rows done */
  onProgress?: (done: number) => void;
}

/** One row: a shape and its report. */
export interface ProbabilityRow extends ProbabilityReport {
  dIn: number;
  width: number;
  e: number;
}

/** Largest number of rows one table may have. */
export const MAX_TABLE_ROWS = 1_000_000;

export { DEFAULT_TABLE_SAMPLES } from "./probabilityLimits.js";

/**
 * The probabilities of docs/theory.md §5 over a grid of fan-ins, widths and output
 * dimensions (rows ordered by e, then d_in, then width). Monte Carlo cells
 * are seeded from (seed, d_in, width, e), so each equals the single-value
 * `probabilityReport` with the same seed and sample count.
 *
 * @param init - the initialisation
 * @param dIns - fan-ins d_in
 * @param widths - widths l
 * @param es - output dimensions e
 * @param options - digits, method, samples and seed
 * @returns one row per (e, d_in, l)
 * @throws InputError for an empty grid, more than MAX_TABLE_ROWS rows, or any bad cell input
 * @example probabilityTable({ scheme: "lecun-normal" }, [2], [1, 2], [1], { digits: 5 }).map((r) => r.pNeuron) // returns ["0.42265", "0.29289"]
 */
export function probabilityTable(
  init: Initialisation,
  dIns: number[],
  widths: number[],
  es: number[],
  options: ProbabilityTableOptions = {},
): ProbabilityRow[] {
  const count = dIns.length * widths.length * es.length;
  if (count === 0) throw new InputError({ field: "table", expected: "at least one d_in, width and e", value: "empty" });
  if (count > MAX_TABLE_ROWS) throw new InputError({ field: "table", expected: `at most ${MAX_TABLE_ROWS} rows`, value: String(count) });
  const rows: ProbabilityRow[] = [];
  const reportOptions = {
    digits: options.digits ?? 20,
    method: options.method,
    samples: options.samples ?? DEFAULT_TABLE_SAMPLES,
    seed: options.seed,
    closedForm: false,
  };
  for (const e of es) {
    for (const dIn of dIns) {
      for (const width of widths) {
        rows.push({ dIn, width, e, ...probabilityReport(init, dIn, width, e, reportOptions) });
      }
      options.onProgress?.(rows.length);
    }
  }
  return rows;
}
