import type { Command } from "commander";
import type { GdCliOptions } from "../actions/gdAction.js";
import { addMaxSecondsOption } from "./maxSecondsOption.js";
import type { Settle } from "../outcome.js";

/** `relutopo gd`: gradient descent with the invariants and their exact drift at every step. */
export function registerGd(program: Command, settle: Settle): void {
  const command = program
    .command("gd")
    .description("full-batch gradient descent, recording loss, invariants and their drift eta^2(|g_w|^2 - |g_a|^2) at every step")
    .requiredOption("--net <file>", "network JSON")
    .requiredOption("--data <file>", "CSV with a header row; the last e columns are targets")
    .requiredOption("--lr <eta>", "step size, a positive number such as 1/20")
    .requiredOption("--steps <N>", "number of steps (>= 0)")
    .option("--arith <kind>", "exact, decimal:D or float", "exact")
    .option("--loss <kind>", "mse or bce (bce needs decimal or float)", "mse")
    .option("--json", "print JSON");
  addMaxSecondsOption(command).action(settle(async (opts: GdCliOptions) => (await import("../actions/gdAction.js")).gdAction(opts)));
}
