import type { Command } from "commander";
import type { TrackCliOptions } from "../actions/trackAction.js";
import type { Settle } from "../outcome.js";

/** `relutopo track CHECKPOINTS…`: follow the c of a training run through its checkpoints. */
export function registerTrack(program: Command, settle: Settle): void {
  program
    .command("track")
    .description(
      "follow a training run through its checkpoints (files or a glob such as 'run/step_*.safetensors', in step order): every c per layer, its drift from the first checkpoint, the sign-locked weights and any that changed sign, with data the loss",
    )
    .argument(
      "<checkpoints...>",
      "checkpoint files or globs (.safetensors, .pt, JSON); step from safetensors metadata `step`, else the number in the name",
    )
    .option("--data <csv>", "data: the exact mean squared error at every checkpoint")
    .option("--json", "print JSON: checkpoints, drift and signChanges, every value exact")
    .option("--plot <file>", "also draw c per neuron against the step, as SVG")
    .option("--digits <D>", "significant digits of the decimals of text output (default 6)")
    .option("--exact", "print the exact fractions in text output")
    .option("--all", "print every value of a long row instead of its summary")
    .action(
      settle(async (checkpoints: string[], opts: TrackCliOptions) =>
        (await import("../actions/trackAction.js")).trackAction(checkpoints, opts),
      ),
    );
}
