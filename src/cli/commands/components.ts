import type { Command } from "commander";
import type { ComponentsCliOptions } from "../actions/componentsAction.js";
import { addMaxSecondsOption } from "./maxSecondsOption.js";
import type { Settle } from "../outcome.js";

/** `relutopo components`: Betti numbers, components, orbits and effective components of H(c). */
export function registerComponents(program: Command, settle: Settle): void {
  const command = program
    .command("components")
    .description(
      "topology of the invariant set H(c): Betti numbers, components (sign patterns of split neurons), strict orbits, effective components",
    )
    .option("--net <file>", "network JSON: c, d_in and e are read from it, and its own component is reported")
    .option("--c <list>", 'invariant values, e.g. "-2,4,3/2,0"')
    .option("--c-file <path>", "file of invariant values separated by commas, spaces or newlines")
    .option("--d-in <N>", "fan-in of a hidden neuron (input dimension + 1 with a hidden bias); with --c or --c-file")
    .option("--e <M>", "output dimension; with --c or --c-file", "1")
    .option("--list", "list the components as sign patterns over the split neurons")
    .option("--limit <N>", "list at most N components", "64")
    .option("--json", "print JSON");
  addMaxSecondsOption(command).action(
    settle(async (opts: ComponentsCliOptions, cmd: Command) =>
      (await import("../actions/componentsAction.js")).componentsAction(opts, cmd),
    ),
  );
}
