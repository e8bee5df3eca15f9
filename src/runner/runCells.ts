import { setMaxListeners } from "node:events";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Tinypool from "tinypool";
import { readCell, writeCell, type StoredCell } from "./cellStore.js";
import type { CellSpec } from "./planCells.js";
import type { ReproduceConfig } from "../experiments/reproduceConfig.js";
import { breastCancerSplit } from "../experiments/breastCancerSplit.js";
import { ConvergenceError } from "../errors.js";
import { formatWork } from "../work/formatWork.js";
import { runTimeLimit } from "../work/runTimeLimit.js";
import { runCell } from "./runCell.js";
import { estimateRemaining, type CellSample } from "./_internals/estimateRemaining.js";

/** Pays the one-off costs of a cell's kind (reading and splitting the data) so that timing it estimates the others. */
function warmUp(spec: CellSpec, config: ReproduceConfig): void {
  if (spec.key.kind === "breast-cancer" || spec.key.kind === "optimizers-breast-cancer") breastCancerSplit(config);
}

/** Options of {@link runCells}. */
export interface RunCellsOptions {
  /** The run directory; finished cells go to `dir/cells/`. */
  dir: string;
  /** Worker threads (1: everything in this thread). */
  threads: number;
  /**
   * Called with the estimated remaining wall time in ms: first after the first cell (a rough
   * guess from one cell), then once more after a calibration sample of cells (one of each kind
   * and weight) has run, from their measured times; `basis.cells` is how many cells it rests on.
   */
  onEstimate?: (remainingMs: number, pending: number, cached: number, basis: EstimateBasis) => void;
  /** Called after each cell with the number done (cached included) and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * A cap on the run's wall time in seconds: when the calibrated estimate says the run will end
   * past twice the cap, the run stops there with a ConvergenceError (the finished cells stay cached).
   */
  capSeconds?: number;
  /** Stops the run between cells (the pool's running cells are dropped) with a ConvergenceError; the finished cells stay cached. */
  signal?: AbortSignal;
}

/** What an estimate rests on: the cells measured, and whether it is the calibrated (second) one. */
export interface EstimateBasis {
  cells: number;
  calibrated: boolean;
}

/** What {@link runCells} did. */
export interface RunCellsSummary {
  cells: Map<string, StoredCell>;
  computed: number;
  reused: number;
}

/**
 * Runs the given cells into `dir/cells/`, reusing every finished cell already
 * there (same id and configuration), so a killed run restarted with the same
 * arguments resumes. The first pending cell runs alone and is timed, for a
 * first estimate of the rest; a calibration sample (one cell of each kind and
 * weight) runs next and the estimate is made again from the measured times
 * (a fixed cost plus a cost per weight, per kind). The cells go to a tinypool worker pool when `threads` > 1
 * and the compiled worker is present (in `dist/`), else run here one by one.
 * Every cell is written atomically as soon as it is done.
 */
export async function runCells(specs: readonly CellSpec[], config: ReproduceConfig, options: RunCellsOptions): Promise<RunCellsSummary> {
  const cells = new Map<string, StoredCell>();
  const pending: CellSpec[] = [];
  for (const spec of specs) {
    const cached = readCell(options.dir, spec);
    if (cached) cells.set(spec.id, cached);
    else pending.push(spec);
  }
  const reused = cells.size;
  const start = performance.now();
  let done = reused;
  const samples: CellSample[] = [];
  let afterFinish = (): void => {};
  const finish = (spec: CellSpec, result: unknown, ms: number): void => {
    const cell: StoredCell = { id: spec.id, fingerprint: spec.fingerprint, result, ms: Math.round(ms) };
    writeCell(options.dir, cell);
    cells.set(spec.id, cell);
    samples.push({ kind: spec.key.kind, weight: spec.weight, ms });
    options.onProgress?.(++done, specs.length);
    afterFinish();
  };
  options.onProgress?.(done, specs.length);
  if (pending.length === 0) return { cells, computed: 0, reused };
  // Time a cell of the heaviest kind first, of median weight: the lightest cells are mostly
  // fixed cost, so their cost per unit weight overstates the rest by 2–3×.
  const heavy = pending.filter((s) => s.experiment === "breast-cancer").sort((a, b) => a.weight - b.weight);
  const pick = heavy[Math.floor(heavy.length / 2)];
  const firstIndex = pick ? pending.indexOf(pick) : 0;
  const [first] = pending.splice(firstIndex, 1);
  // Load shared inputs (the data set) before the clock starts: they are paid once, not per cell.
  warmUp(first!, config);
  const t0 = performance.now();
  finish(first!, await runCell(first!, config), performance.now() - t0);
  const threads = Math.max(1, Math.min(options.threads, pending.length));
  // One cell's cost per unit weight is a rough guide (a small cell is mostly fixed cost and
  // warm-up): the estimate is made again once a calibration sample has run.
  options.onEstimate?.(estimateRemaining(pending, samples, threads), pending.length + 1, reused, { cells: 1, calibrated: false });
  // Calibration sample first: one cell of each kind and weight, heaviest first; then the rest,
  // heaviest first, so the pool does not end waiting on one big cell.
  const seen = new Set<string>([`${first!.key.kind}:${first!.weight}`]);
  const calibration: CellSpec[] = [];
  const rest: CellSpec[] = [];
  for (const spec of [...pending].sort((a, b) => b.weight - a.weight)) {
    const key = `${spec.key.kind}:${spec.weight}`;
    if (seen.has(key)) rest.push(spec);
    else {
      seen.add(key);
      calibration.push(spec);
    }
  }
  const order = [...calibration, ...rest];
  if (calibration.length > 0 && rest.length > 0 && (options.onEstimate || options.capSeconds !== undefined)) {
    afterFinish = () => {
      if (!calibration.every((c) => cells.has(c.id))) return;
      afterFinish = () => {};
      const left = order.filter((c) => !cells.has(c.id));
      const remaining = estimateRemaining(left, samples, threads);
      options.onEstimate?.(remaining, left.length, reused, { cells: samples.length, calibrated: true });
      const total = (performance.now() - start + remaining) / 1000;
      // Stopped only past twice the cap: a busy machine slows a run without making it runaway.
      if (options.capSeconds !== undefined && total > runTimeLimit(options.capSeconds))
        throw new ConvergenceError(
          "reproduce",
          `cell ${done} of ${specs.length}`,
          `over its work cap at run time: projected to take ${formatWork({ seconds: total, detail: `calibrated on ${samples.length} cells` })}, past twice the cap of ~${options.capSeconds} s (the finished cells are kept for a rerun)`,
          { field: "maxSeconds", change: "raise" },
        );
    };
  }
  const { signal } = options;
  const interrupted = (): ConvergenceError =>
    new ConvergenceError(
      "reproduce",
      `cell ${done + 1} of ${specs.length}`,
      `interrupted (${signal?.reason === "SIGTERM" || signal?.reason === "SIGHUP" ? signal.reason : "Ctrl-C"}): the ${done} finished cells are kept in ${options.dir}/cells, and the same command resumes from them`,
    );
  if (signal?.aborted) throw interrupted();
  const workerPath = fileURLToPath(new URL("./cellWorker.js", import.meta.url));
  if (threads > 1 && existsSync(workerPath)) {
    const pool = new Tinypool({ filename: workerPath, minThreads: threads, maxThreads: threads });
    // every queued cell listens to the signal: that many listeners are expected, not a leak
    if (signal) setMaxListeners(order.length + 10, signal);
    try {
      await Promise.all(
        order.map(async (spec) => {
          const { result, ms } = (await pool.run({ spec, config }, signal ? { signal } : {})) as { result: unknown; ms: number };
          finish(spec, result, ms);
        }),
      );
    } catch (err) {
      // the pool rejects every dropped cell with its own abort error: the run was interrupted
      throw signal?.aborted ? interrupted() : err;
    } finally {
      await pool.destroy();
    }
  } else {
    for (const spec of order) {
      if (signal?.aborted) throw interrupted();
      const t = performance.now();
      finish(spec, await runCell(spec, config), performance.now() - t);
    }
  }
  return { cells, computed: pending.length + 1, reused };
}
