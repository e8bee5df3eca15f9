import type { Command } from "commander";
import { formatTable } from "../../../table/formatTable.js";
import { parseTableFormat } from "../../../table/parseTableFormat.js";
import { componentsTable } from "../../../symmetry/componentsTable.js";
import { intListOption } from "../../options.js";

/** `relutopo table components`: the topology of H(c) over (d_in, e, l) and every sign split of l. */
export function registerComponentsTable(table: Command): void {
  table
    .command("components")
    .description("Betti numbers, components, strict orbits and effective components for every (d_in, e, l) and every split of l into (#c<0, #c=0, #c>0)")
    .requiredOption("--d-in <list>", "fan-in values (input dimension + 1 with a hidden bias), e.g. 1..4")
    .requiredOption("--e <list>", "output dimensions, e.g. 1..3")
    .requiredOption("--width <list>", "widths l, e.g. 1..6")
    .option("--format <fmt>", "md, csv, json or tex", "md")
    .action((opts: { dIn: string; e: string; width: string; format: string }) => {
      const format = parseTableFormat(opts.format);
      const t = componentsTable(intListOption(opts.dIn, "--d-in", 1, 10_000), intListOption(opts.e, "--e", 1, 10_000), intListOption(opts.width, "--width", 1, 200));
      process.stdout.write(formatTable(t, format));
    });
}
