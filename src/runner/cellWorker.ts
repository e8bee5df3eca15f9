import type { CellSpec } from "./planCells.js";
import type { ReproduceConfig } from "../experiments/reproduceConfig.js";
import { runCell } from "./runCell.js";

/** The task a worker thread of the pool receives. */
export interface CellTask {
  spec: CellSpec;
  config: ReproduceConfig;
}

/** A worker thread's entry point (tinypool): runs one cell and times it. */
export default async function cellWorker(task: CellTask): Promise<{ result: unknown; ms: number }> {
  const t0 = performance.now();
  const result = await runCell(task.spec, task.config);
  return { result, ms: performance.now() - t0 };
}
