import type { Command } from "commander";
import type { MergeCliOptions } from "../actions/mergeAction.js";
import type { Settle } from "../outcome.js";

/** `relutopo merge`: shards of one run into the report a single run would write. */
export function registerMerge(program: Command, settle: Settle): void {
  program
    .command("merge")
    .description("combine the shard directories of `relutopo reproduce --shard i/n` into one report, the same as a single run")
    .argument("<dirs...>", "shard directories (each written by reproduce --shard)")
    .requiredOption("--out <dir>", "report directory")
    .option("--json", "print a JSON summary")
    .action(settle(async (dirs: string[], opts: MergeCliOptions) => (await import("../actions/mergeAction.js")).mergeAction(dirs, opts)));
}
