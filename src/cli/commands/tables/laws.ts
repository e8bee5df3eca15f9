import type { Command } from "commander";
import { InputError } from "../../../errors.js";
import { lawsTable } from "../../../laws/lawsTable.js";
import { widthsGrid } from "../../../laws/widthsGrid.js";
import { formatTable } from "../../../table/formatTable.js";
import { parseTableFormat } from "../../../table/parseTableFormat.js";
import { choice, intListOption, intOption } from "../../options.js";

/** `relutopo table laws`: certified counts of conservation laws over a grid of architectures. */
export function registerLawsTable(table: Command): void {
  table
    .command("laws")
    .description("certified numbers of conservation laws over a grid of architectures, next to the closed forms of Marcotte et al.")
    .requiredOption("--widths-grid <grid>", "one width list per layer separated by ';', e.g. '1..3;1..6;1' (d; hidden; e) or '2;3;3;1'")
    .option("--activation <list>", "activations separated by ',' (relu, leaky_relu:<slope>, abs, linear)", "relu,linear")
    .option("--bias <list>", "no, yes or no,yes", "no")
    .option("--degree <k>", "largest degree of the explicit laws", "2")
    .option("--format <fmt>", "md, csv, json or tex", "md")
    .action((opts: { widthsGrid: string; activation: string; bias: string; degree: string; format: string }) => {
      const format = parseTableFormat(opts.format);
      const layers = opts.widthsGrid.split(";");
      if (layers.length < 3) throw new InputError(`invalid --widths-grid. Must give at least three layers separated by ';'. Value: \`${opts.widthsGrid}\`.`);
      const archs = widthsGrid(layers.map((l) => intListOption(l, "--widths-grid", 1, 10_000)));
      if (archs.length > 10_000) throw new InputError(`invalid --widths-grid. Must describe at most 10000 architectures. Value: \`${opts.widthsGrid}\`.`);
      const activations = opts.activation.split(",").map((a) => a.trim());
      const biases = opts.bias.split(",").map((b) => choice(b.trim(), "--bias", ["no", "yes"] as const) === "yes");
      process.stdout.write(formatTable(lawsTable(archs, activations, biases, intOption(opts.degree, "--degree", 1, 8)), format));
    });
}
