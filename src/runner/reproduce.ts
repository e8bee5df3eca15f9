import { reproduceConfig, type ExperimentName, type Scale } from "../experiments/reproduceConfig.js";
import { checkOutDir } from "./_internals/checkOutDir.js";
import type { RunReport } from "./runReport.js";
import { runCells, type EstimateBasis } from "./runCells.js";
import { plannedCells } from "./planCells.js";
import { writeManifest } from "./runManifest.js";

/** A slice of a run: shard `index` of `count` (0 ≤ index < count). */
export interface Shard {
  index: number;
  count: number;
}

/** Options of {@link reproduce}. */
export interface ReproduceOptions {
  /** The run directory: finished cells go to `out/cells/`, the report to `out/`. */
  out: string;
  experiment: ExperimentName | "all";
  scale: Scale;
  seed: number;
  /** The slice to compute, or null for the whole run (which then writes the report). */
  shard: Shard | null;
  /** Worker threads (1: everything in this thread). */
  threads: number;
  /** Writes the report of a whole run (not called for a shard). */
  report: RunReport;
  /** Called after the first cell and again after a calibration sample, with the estimated remaining wall time in ms (see `runCells`). */
  onEstimate?: (remainingMs: number, pending: number, cached: number, basis: EstimateBasis) => void;
  /** Called after each cell with the number done (cached included) and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * A cap on the wall time in seconds, checked at run time once the estimate is calibrated
   * (the up-front estimate is `reproduceWork`): a run projected past it stops with a ConvergenceError.
   */
  maxSeconds?: number;
  /** Stops the run between cells with a ConvergenceError (finished cells stay cached, so a rerun resumes); no report is written. */
  signal?: AbortSignal;
}

/** What {@link reproduce} did: the `relutopo reproduce --json` object. */
export interface ReproduceSummary {
  out: string;
  scale: Scale;
  seed: number;
  experiments: ExperimentName[];
  shard: Shard | null;
  /** Cells of this run (of this shard, for a shard). */
  cells: number;
  computed: number;
  reused: number;
  /** Report files written (none for a shard). */
  files: string[];
  seconds: number;
}

/**
 * Reproduces the paper's experiments into `out`: plans the cells of the
 * configuration, computes those not already cached there (a killed run
 * restarted with the same options resumes), records the run's manifest and,
 * for a whole run, writes the report. A shard computes its slice and its
 * manifest only; `mergeShards` combines the shards.
 *
 * @param options - the run (experiment, scale, seed, shard, threads) and where it goes
 * @returns what was computed, reused and written
 * @throws InputError when `out` is a file, or for an unknown experiment; PathError when `out` cannot be written (checked before any cell runs);
 *   ConvergenceError when the calibrated estimate passes `maxSeconds`
 * @remarks The library face of `npx relutopo reproduce` (docs/cli.md: `relutopo reproduce`).
 */
export async function reproduce(options: ReproduceOptions): Promise<ReproduceSummary> {
  const { out, shard, threads } = options;
  checkOutDir(out);
  const config = reproduceConfig(options.scale, options.seed, options.experiment);
  const specs = plannedCells(options);
  const t0 = performance.now();
  const run = await runCells(specs, config, {
    dir: out,
    threads,
    ...(options.onEstimate && { onEstimate: options.onEstimate }),
    ...(options.onProgress && { onProgress: options.onProgress }),
    ...(options.maxSeconds !== undefined && { capSeconds: options.maxSeconds }),
    ...(options.signal && { signal: options.signal }),
  });
  writeManifest(out, { config, shard, cells: specs.map((s) => s.id) });
  let files: string[] = [];
  if (shard === null) {
    const cellMs = [...run.cells.values()].reduce((s, c) => s + c.ms, 0);
    const timing = {
      note: "wall-clock facts of this run; the only field of results.json that differs between runs with the same seed",
      wallSeconds: Math.round((performance.now() - t0) / 100) / 10,
      cellSeconds: Math.round(cellMs / 100) / 10,
      computedCells: run.computed,
      reusedCells: run.reused,
      threads,
    };
    files = await options.report({ dir: out, config, specs, cells: run.cells, timing });
  }
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  return {
    out,
    scale: options.scale,
    seed: options.seed,
    experiments: config.experiments,
    shard,
    cells: specs.length,
    computed: run.computed,
    reused: run.reused,
    files,
    seconds,
  };
}
