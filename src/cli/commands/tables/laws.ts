import type { Command } from "commander";
import type { LawsTableOptions } from "../../actions/lawsTableAction.js";
import { addMaxSecondsOption } from "../maxSecondsOption.js";
import type { Settle } from "../../outcome.js";

/** `relutopo table laws`: certified counts of conservation laws over a grid of architectures. */
export function registerLawsTable(table: Command, settle: Settle): void {
  const cmd = table
    .command("laws")
    .description("certified numbers of conservation laws over a grid of architectures, next to the closed forms of Marcotte et al.")
    .requiredOption("--widths-grid <grid>", "one width list per layer separated by ';', e.g. '1..3;1..6;1' (d; hidden; e) or '2;3;3;1'")
    .option("--activation <list>", "activations separated by ',' (relu, leaky_relu:<slope>, abs, linear)", "relu,linear")
    .option("--bias <list>", "no, yes or no,yes", "no")
    .option("--degree <k>", "largest degree of the explicit laws", "2")
    .option("--dynamics <list>", "flows side by side, separated by ',': gradient, momentum", "gradient")
    .option("--format <fmt>", "md, csv, json or tex", "md");
  addMaxSecondsOption(cmd).action(
    settle(async (opts: LawsTableOptions) => (await import("../../actions/lawsTableAction.js")).lawsTableAction(opts)),
  );
}
