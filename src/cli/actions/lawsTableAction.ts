import { InputError } from "../../errors.js";
import { lawsTable } from "../../laws/lawsTable.js";
import { widthsGrid } from "../../laws/widthsGrid.js";
import { lawArchitecture } from "../../laws/lawArchitecture.js";
import { lawsWork } from "../../laws/lawsWork.js";
import { enforceWorkCap } from "../enforceWorkCap.js";
import { progressBar } from "../progress.js";
import { formatTable } from "../../table/formatTable.js";
import { parseTableFormat } from "../../table/parseTableFormat.js";
import { choice, intListOption, intOption } from "../options.js";
import { interruptible } from "../_internals/interruptible.js";

/** The options of `relutopo table laws`. */
export interface LawsTableOptions {
  widthsGrid: string;
  activation: string;
  bias: string;
  degree: string;
  dynamics: string;
  format: string;
  maxSeconds?: string;
}

/** `relutopo table laws`: builds the table over the grid of architectures and prints it. */
export async function lawsTableAction(opts: LawsTableOptions): Promise<void> {
  const format = parseTableFormat(opts.format);
  const layers = opts.widthsGrid.split(";");
  if (layers.length < 3)
    throw new InputError({ field: "--widths-grid", expected: "at least three layers separated by ';'", value: opts.widthsGrid });
  const archs = widthsGrid(layers.map((l) => intListOption(l, "--widths-grid", 1, 10_000)));
  if (archs.length > 10_000)
    throw new InputError({ field: "--widths-grid", expected: "a grid of at most 10000 architectures", value: opts.widthsGrid });
  const activations = opts.activation.split(",").map((a) => a.trim());
  const biases = opts.bias.split(",").map((b) => choice(b.trim(), "--bias", ["no", "yes"] as const) === "yes");
  const degree = intOption(opts.degree, "--degree", 1, 8);
  const dynamics = opts.dynamics.split(",").map((d) => choice(d.trim(), "--dynamics", ["gradient", "momentum"] as const));
  const all = archs.flatMap((widths) =>
    activations.flatMap((activation) => biases.map((bias) => lawArchitecture(widths, { activation, bias }))),
  );
  const work = lawsWork(all, degree, dynamics);
  enforceWorkCap(work, opts.maxSeconds);
  const bar = progressBar(all.length, "table laws", work.seconds);
  let table: ReturnType<typeof lawsTable>;
  try {
    table = interruptible("table laws", bar, () => lawsTable(archs, activations, biases, degree, (done) => bar.update(done), dynamics));
  } finally {
    bar.stop();
  }
  process.stdout.write(formatTable(table, format));
}
