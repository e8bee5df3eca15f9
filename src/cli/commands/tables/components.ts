import type { Command } from "commander";
import type { ComponentsTableOptions } from "../../actions/componentsTableAction.js";
import { addMaxSecondsOption } from "../maxSecondsOption.js";
import type { Settle } from "../../outcome.js";

/** `relutopo table components`: the topology of H(c) over (d_in, e, l) and every sign split of l. */
export function registerComponentsTable(table: Command, settle: Settle): void {
  const cmd = table
    .command("components")
    .description(
      "Betti numbers, components, strict orbits and effective components for every (d_in, e, l) and every split of l into (#c<0, #c=0, #c>0)",
    )
    .requiredOption("--d-in <list>", "fan-in values (input dimension + 1 with a hidden bias), e.g. 1..4")
    .requiredOption("--e <list>", "output dimensions, e.g. 1..3")
    .requiredOption("--width <list>", "widths l, e.g. 1..6")
    .option("--format <fmt>", "md, csv, json or tex", "md");
  addMaxSecondsOption(cmd).action(
    settle(async (opts: ComponentsTableOptions) => (await import("../../actions/componentsTableAction.js")).componentsTableAction(opts)),
  );
}
