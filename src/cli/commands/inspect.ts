import type { Command } from "commander";
import type { InspectCliOptions } from "../actions/inspectAction.js";
import type { Settle } from "../outcome.js";
import { addMaxSecondsOption } from "./maxSecondsOption.js";

/** `relutopo inspect`: one screen about a trained or freshly initialised network. */
export function registerInspect(program: Command, settle: Settle): void {
  const command = program
    .command("inspect")
    .description(
      "one screen about a network of any depth: architecture, every c_l,k exactly, locked weights, the number of components of H(c) and the one the network lies in, output-weight signs, and with data the loss and dead neurons; for convolutions and BatchNorm, c per channel and which law holds for which tensor",
    )
    .requiredOption("--net <file>", "network of any depth (JSON, state_dict JSON, .safetensors or .pt)")
    .option("--data <csv>", "data: exact mean squared error and dead relu neurons")
    .option("--json", "print JSON (schema relutopo.inspect/1, docs/deep-networks.md): every value exact")
    .option("--loss <kind>", "loss reported with --data: mse (exact) or bce (binary cross-entropy of the logits, 40 digits)", "mse")
    .option("--digits <D>", "significant digits of the decimals of text output (default 6)")
    .option("--exact", "print the exact fractions in text output")
    .option("--all", "print every value of a long row instead of its summary")
    .option("--plot <file>", "also draw c_l,k per hidden layer, as SVG (.svg) or a web page (.html)");
  addMaxSecondsOption(command).action(
    settle(async (opts: InspectCliOptions) => (await import("../actions/inspectAction.js")).inspectAction(opts)),
  );
}
