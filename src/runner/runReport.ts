import type { ReproduceConfig } from "../experiments/reproduceConfig.js";
import type { StoredCell } from "./cellStore.js";
import type { CellSpec } from "./planCells.js";

/** A finished run, everything a report is built from. */
export interface FinishedRun {
  /** The run directory the report goes into. */
  dir: string;
  config: ReproduceConfig;
  /** Every cell of the run, in plan order. */
  specs: readonly CellSpec[];
  cells: ReadonlyMap<string, StoredCell>;
  /** Wall-clock facts, kept apart from the numbers (they differ between runs with the same seed). */
  timing: Record<string, unknown>;
}

/**
 * Writes the report of a finished run into `run.dir` and returns the names of
 * the files written. The runner sits below the report layer, so its caller
 * hands it the writer (the CLI passes one built on `buildReport` and `writeReport`).
 */
export type RunReport = (run: FinishedRun) => Promise<string[]>;
