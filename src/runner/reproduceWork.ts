import { availableParallelism } from "node:os";
import { type WorkEstimate, workEstimate } from "../work/workEstimate.js";
import { readCell } from "./cellStore.js";
import { type CellKey, plannedCells } from "./planCells.js";
import type { ReproduceOptions } from "./reproduce.js";

/**
 * Seconds of one cell on one core: a fixed cost plus a cost per unit of its planned weight,
 * per kind. Measured from `relutopo reproduce --quick --threads 2` (cells/*.json `ms`, the
 * median of each kind and width, on a 2-core machine shared with other jobs, so rather high):
 * breast-cancer cells fit 0.125 s + 0.149 s per unit within 3 % over widths 1…6.
 */
const CELL_COST: Readonly<Record<CellKey["kind"], { fixed: number; perWeight: number }>> = {
  "toy-gd": { fixed: 0.15, perWeight: 0 },
  "toy-flow": { fixed: 0.45, perWeight: 0 },
  "breast-cancer": { fixed: 0.13, perWeight: 0.15 },
  probability: { fixed: 0.02, perWeight: 0.12 },
  "optimizers-toy": { fixed: 0.1, perWeight: 0 },
  // from `reproduce optimizers --quick --threads 2`: ~0.52 s at weight 1, ~0.57 s at 1.2
  "optimizers-breast-cancer": { fixed: 0.3, perWeight: 0.25 },
  // from `reproduce deep --quick --threads 2`: median 0.09 s at weight 1
  deep: { fixed: 0.03, perWeight: 0.08 },
  // from `reproduce conv-digits --quick --threads 2` (see planCells for the unit)
  "conv-digits": { fixed: 0.2, perWeight: 8 },
};

/** Seconds of the fixed part of a whole run: loading the modules and the data, writing the report. */
const RUN_SECONDS = 3;

/**
 * The wall time a {@link reproduce} run is expected to take, before it starts: the cells not
 * already cached in `out`, each a fixed cost plus a cost per unit of weight measured per kind,
 * spread over `threads` threads (at most one per core), never less than its longest cell.
 * A resumed run counts only what is left.
 *
 * @param options - the run, as for {@link reproduce}
 * @returns the estimate, in wall seconds
 * @throws InputError for an unknown experiment
 * @example reproduceWork({ out: "no/such/dir", experiment: "toy", scale: "tiny", seed: 1, shard: null, threads: 1 }).detail
 * // returns "4 cells to compute on 1 thread"
 */
export function reproduceWork(
  options: Pick<ReproduceOptions, "out" | "experiment" | "scale" | "seed" | "shard" | "threads">,
): WorkEstimate {
  const pending = plannedCells(options).filter((spec) => readCell(options.out, spec) === undefined);
  const threads = Math.max(1, Math.min(options.threads, availableParallelism(), pending.length));
  let total = 0;
  let longest = 0;
  for (const spec of pending) {
    const cost = CELL_COST[spec.key.kind];
    const s = cost.fixed + cost.perWeight * spec.weight;
    total += s;
    longest = Math.max(longest, s);
  }
  const seconds = RUN_SECONDS + Math.max(total / threads, longest);
  return workEstimate(seconds, 1, `${pending.length} cells to compute on ${threads} thread${threads === 1 ? "" : "s"}`);
}
