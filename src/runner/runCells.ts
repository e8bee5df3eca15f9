import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Tinypool from "tinypool";
import { readCell, writeCell, type StoredCell } from "./cellStore.js";
import type { CellSpec } from "./planCells.js";
import type { ReproduceConfig } from "../experiments/reproduceConfig.js";
import { breastCancerSplit } from "../experiments/breastCancerSplit.js";
import { runCell } from "./runCell.js";

/** Pays the one-off costs of a cell's kind (reading and splitting the data) so that timing it estimates the others. */
function warmUp(spec: CellSpec, config: ReproduceConfig): void {
  if (spec.key.kind === "breast-cancer") breastCancerSplit(config);
}

/** Options of {@link runCells}. */
export interface RunCellsOptions {
  /** The run directory; finished cells go to `dir/cells/`. */
  dir: string;
  /** Worker threads (1: everything in this thread). */
  threads: number;
  /** Called once, after the first cell, with the estimated remaining wall time in ms. */
  onEstimate?: (remainingMs: number, pending: number, cached: number) => void;
  /** Called after each cell with the number done (cached included) and the total. */
  onProgress?: (done: number, total: number) => void;
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
 * arguments resumes. The first pending cell runs alone and is timed, to
 * estimate the rest; the others go to a tinypool worker pool when `threads` > 1
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
  let done = reused;
  const finish = (spec: CellSpec, result: unknown, ms: number): void => {
    const cell: StoredCell = { id: spec.id, fingerprint: spec.fingerprint, result, ms: Math.round(ms) };
    writeCell(options.dir, cell);
    cells.set(spec.id, cell);
    options.onProgress?.(++done, specs.length);
  };
  options.onProgress?.(done, specs.length);
  if (pending.length === 0) return { cells, computed: 0, reused };
  // Time the heaviest kind of cell first: its cost per unit weight is the best guide to the rest.
  const firstIndex = Math.max(
    0,
    pending.findIndex((s) => s.experiment === "breast-cancer"),
  );
  const [first] = pending.splice(firstIndex, 1);
  // Load shared inputs (the data set) before the clock starts: they are paid once, not per cell.
  warmUp(first!, config);
  const t0 = performance.now();
  finish(first!, await runCell(first!, config), performance.now() - t0);
  const msPerWeight = (performance.now() - t0) / first!.weight;
  const threads = Math.max(1, Math.min(options.threads, pending.length));
  const remainingWeight = pending.reduce((s, c) => s + c.weight, 0);
  options.onEstimate?.((msPerWeight * remainingWeight) / threads, pending.length + 1, reused);
  const workerPath = fileURLToPath(new URL("./cellWorker.js", import.meta.url));
  if (threads > 1 && existsSync(workerPath)) {
    const pool = new Tinypool({ filename: workerPath, minThreads: threads, maxThreads: threads });
    try {
      // Heaviest first, so the pool does not end waiting on one big cell.
      const order = [...pending].sort((a, b) => b.weight - a.weight);
      await Promise.all(
        order.map(async (spec) => {
          const { result, ms } = (await pool.run({ spec, config })) as { result: unknown; ms: number };
          finish(spec, result, ms);
        }),
      );
    } finally {
      await pool.destroy();
    }
  } else {
    for (const spec of pending) {
      const t = performance.now();
      finish(spec, await runCell(spec, config), performance.now() - t);
    }
  }
  return { cells, computed: pending.length + 1, reused };
}
