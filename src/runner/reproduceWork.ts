import { availableParallelism } from "node:os";
import { type WorkEstimate, workEstimate } from "../work/workEstimate.js";
import { readCell } from "./cellStore.js";
import { type CellKey, plannedCells } from "./planCells.js";
import type { ReproduceOptions } from "./reproduce.js";

/**
 * CPU seconds of one cell on one core: a fixed cost plus a cost per unit of its planned weight,
 * per kind. Measured by scripts/calibrateCells.ts (each cell alone in one process, timed in CPU
 * seconds so that other load on the machine does not count), fitted on the full-scale cells and
 * checked on cells the fit did not see: breast-cancer fits 0.24 s + 0.121 s per unit on widths
 * 1, 3, 5, …, 16 and is within −4 … +33 % on the even widths whose cells take half a second or
 * more (shorter cells vary by ±0.2 s); optimizers-breast-cancer fits 1.66 s per unit at
 * l = 1, 4, 16 (−21 %, −5 %, +2 %; a fixed part would fit them better but overshoots the quick
 * scale's cells) and is within 5 % at l = 2, 8 and +7 % on the quick scale's l = 4; conv-digits
 * fits its two cells at both scales within 2 % (four cells, three constants: no cell left to check). Checked on whole runs the fit
 * did not see (measured with a float kernel about 10 % slower than now): shards 1/40 and 2/40 of
 * the full scale on one thread, 35.9 and 35.4 CPU s measured, 37 s estimated; `--quick` on two
 * threads, 59.5 CPU s measured (29.8 s per thread), 33 s estimated. Machines differ: the full scale on
 * two threads took 796 s a thread on a later machine against 900 s estimated, and 741 and 545 s on the
 * one after it. The costs below are those fits times 0.8 (720 s estimated), which puts all three readings within
 * ±30 %.
 */
const CELL_COST: Readonly<Record<CellKey["kind"], { fixed: number; perWeight: number }>> = {
  "toy-gd": { fixed: 0.22, perWeight: 0 },
  "toy-flow": { fixed: 0.52, perWeight: 0 },
  "breast-cancer": { fixed: 0.19, perWeight: 0.097 },
  probability: { fixed: 0.04, perWeight: 0.096 },
  "optimizers-toy": { fixed: 0.28, perWeight: 0 },
  "optimizers-breast-cancer": { fixed: 0, perWeight: 1.33 },
  // 0.07–0.24 s at the full scale's weight 5, 0.02 s at the quick scale's 1 (before the factor)
  deep: { fixed: 0.024, perWeight: 0.016 },
  "conv-digits": { fixed: 0.04, perWeight: 2.4 },
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
