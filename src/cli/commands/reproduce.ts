import type { Command } from "commander";
import { at } from "../../scalar/at.js";
import { InputError } from "../../errors.js";
import { EXPERIMENTS } from "../../experiments/reproduceConfig.js";
import type { ReproduceCliOptions } from "../actions/reproduceAction.js";
import { intOption } from "../options.js";
import { addMaxSecondsOption, DEFAULT_MAX_SECONDS } from "./maxSecondsOption.js";
import type { Settle } from "../outcome.js";

/**
 * The shard of this process: `--shard i/n` (0 ≤ i < n), else a Slurm array
 * task (i = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN, n = SLURM_ARRAY_TASK_COUNT), else none.
 *
 * @throws InputError for a malformed shard
 */
export function parseShard(text: string | undefined, env: NodeJS.ProcessEnv = process.env): { index: number; count: number } | null {
  if (text === undefined) {
    const id = env.SLURM_ARRAY_TASK_ID;
    const count = env.SLURM_ARRAY_TASK_COUNT;
    if (id === undefined || count === undefined) return null;
    const n = intOption(count, "SLURM_ARRAY_TASK_COUNT", 1);
    const i = intOption(id, "SLURM_ARRAY_TASK_ID", 0) - intOption(env.SLURM_ARRAY_TASK_MIN ?? "0", "SLURM_ARRAY_TASK_MIN", 0);
    if (i < 0 || i >= n)
      throw new InputError({
        field: "Slurm array task",
        expected: "0 ≤ SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN < SLURM_ARRAY_TASK_COUNT",
        value: `${id}/${count}`,
      });
    return n === 1 ? null : { index: i, count: n };
  }
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) throw new InputError({ field: "--shard", expected: "i/n with 0 ≤ i < n", value: text });
  const count = intOption(at(m, 2), "--shard count", 1, 100000);
  const index = intOption(at(m, 1), "--shard index", 0, count - 1);
  return count === 1 ? null : { index, count };
}

/** `relutopo reproduce`: the paper's experiments into a report directory. */
export function registerReproduce(program: Command, settle: Settle): void {
  const cmd = program
    .command("reproduce")
    .description(
      "reproduce the paper's experiments (toy obstruction, breast cancer, probability heat maps) into DIR/index.html, report.md, SVG figures, CSV tables and results.json",
    )
    .argument("[experiment]", `${EXPERIMENTS.join(", ")} or all`, "all")
    .requiredOption("--out <dir>", "report directory (finished cells are cached in DIR/cells/, so a killed run resumes)")
    .option("--quick", "the quick configuration (npm start: about a minute on 2 cores); same as --scale quick")
    .option("--scale <size>", "tiny (seconds, for smoke tests), quick, or full (widths 1..16, 30 seeds; the default)")
    .option("--seed <S>", "seed of every random choice (same seed, same numbers)", "1")
    .option(
      "--shard <i/n>",
      "run only slice i of n (0 ≤ i < n) and write a partial result for `relutopo merge`; also read from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT",
    )
    .option("--threads <N>", "worker threads (default: the number of cores)")
    .option("--json", "print a JSON summary");
  addMaxSecondsOption(cmd, DEFAULT_MAX_SECONDS, "of wall time on the threads used").action(
    settle(async (experiment: string, opts: ReproduceCliOptions) =>
      (await import("../actions/reproduceAction.js")).reproduceAction(experiment, opts),
    ),
  );
}
