import type { Command } from "commander";
import type { ObstructionCliOptions } from "../actions/obstructionAction.js";
import type { Settle } from "../outcome.js";

/** `relutopo obstruction`: can the component of θ reach the output-weight signs a target needs? */
export function registerObstruction(program: Command, settle: Settle): void {
  program
    .command("obstruction")
    .description(
      "decide whether the component of a scalar-output network contains a network with at least P positive and N negative output weights, or with given output-weight signs (exit 0 either way; the verdict is in the output)",
    )
    .requiredOption("--net <file>", "network with a scalar output, of any depth (JSON, state_dict JSON, .safetensors or .pt)")
    .option("--need-positive <P>", "required number of positive output weights (required unless --target-signs is given)")
    .option("--need-negative <N>", "required number of negative output weights", "0")
    .option(
      "--target-signs <signs>",
      "target sign of each output weight, e.g. +-?+ (? for either): excluded when it contradicts a locked sign",
    )
    .option("--data <csv>", "data: report dead relu neurons and count their frozen output weights, for gradient descent and flow apart")
    .option("--json", "print JSON")
    .action(settle(async (opts: ObstructionCliOptions) => (await import("../actions/obstructionAction.js")).obstructionAction(opts)));
}
