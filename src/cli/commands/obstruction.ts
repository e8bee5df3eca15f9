import type { Command } from "commander";
import type { ObstructionCliOptions } from "../actions/obstructionAction.js";
import type { Settle } from "../outcome.js";

/** `relutopo obstruction`: can the component of θ reach the output-weight signs a target needs? */
export function registerObstruction(program: Command, settle: Settle): void {
  program
    .command("obstruction")
    .description(
      "decide whether the component of a scalar-output network contains a network with at least P positive and N negative output weights (exit 0 either way; the verdict is in the output)",
    )
    .requiredOption("--net <file>", "network JSON with a scalar output")
    .requiredOption("--need-positive <P>", "required number of positive output weights")
    .option("--need-negative <N>", "required number of negative output weights", "0")
    .option("--json", "print JSON")
    .action(settle(async (opts: ObstructionCliOptions) => (await import("../actions/obstructionAction.js")).obstructionAction(opts)));
}
