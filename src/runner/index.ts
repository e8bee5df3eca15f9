/**
 * The runner: plans a run of the paper's experiments as cells, computes them
 * (in a worker pool, resuming from cached cells), stores them, and merges the
 * shards of a run. Its public face is two functions; planning, cell storage
 * and the pool stay internal.
 */
export type { FinishedRun, RunReport } from "./runReport.js";
export type { ReproduceOptions, ReproduceSummary, Shard } from "./reproduce.js";
export { reproduce } from "./reproduce.js";
export { reproduceWork } from "./reproduceWork.js";
export type { MergeShardsOptions, MergeSummary } from "./mergeShards.js";
export { mergeShards } from "./mergeShards.js";
