import type { Command } from "commander";
import { InputError } from "../../../errors.js";
import { MAX_PROBABILITY_DIGITS } from "../../../probability/incompleteBeta.js";
import { MAX_DIMENSION } from "../../../probability/pathologicalProbability.js";
import { DEFAULT_TABLE_SAMPLES, MAX_TABLE_ROWS, probabilityRowsTable, probabilityTable } from "../../../probability/probabilityTable.js";
import { formatTable, parseTableFormat } from "../../../report/formatTable.js";
import { PROBABILITY_QUANTITIES, probabilityHeatmapSvg, QUANTITY_TITLES } from "../../../report/heatmap.js";
import { writeFileAtomic } from "../../../io/writeFileAtomic.js";
import { choice, intListOption, intOption } from "../../options.js";
import { progressBar } from "../../progress.js";
import { addInitOptions, D_IN_HELP, readInitOptions, type InitOptions } from "../probability.js";

interface TableProbabilityOptions extends InitOptions {
  dIn: string;
  width: string;
  e: string;
  digits: string;
  format: string;
  plot?: string;
  plotValue: string;
  title?: string;
}

/** `relutopo table probability`: the probabilities of THEORY.md §5 over a grid of d_in, l (and e), with an optional heat map. */
export function registerProbabilityTable(table: Command): void {
  const cmd = table
    .command("probability")
    .description("p, q, P(H(c) disconnected), E[#pathological], E[b_0] over a grid of fan-ins and widths (docs/theory.md section 5), optionally as a heat-map SVG")
    .requiredOption("--d-in <list>", `${D_IN_HELP}; a list or range such as 1..64`)
    .requiredOption("--width <list>", "widths l, a list or range such as 1..256")
    .option("--e <list>", "output dimensions e, a list or range", "1")
    .option("--digits <D>", `significant digits, 1..${MAX_PROBABILITY_DIGITS}`, "20")
    .option("--format <f>", "md, csv, json or tex", "md")
    .option("--plot <file.svg>", "also write a heat map over d_in and l (needs a single e)")
    .option("--plot-value <q>", `quantity the heat map shows: ${PROBABILITY_QUANTITIES.join(", ")}`, "pDisconnected")
    .option("--title <text>", "heat-map title (default: the initialisation and quantity)");
  addInitOptions(cmd, DEFAULT_TABLE_SAMPLES).action(async (opts: TableProbabilityOptions) => {
    const dIns = intListOption(opts.dIn, "--d-in", 1, MAX_DIMENSION, MAX_TABLE_ROWS);
    const widths = intListOption(opts.width, "--width", 1, 1_000_000_000, MAX_TABLE_ROWS);
    const es = intListOption(opts.e, "--e", 1, MAX_DIMENSION, MAX_TABLE_ROWS);
    const digits = intOption(opts.digits, "--digits", 1, MAX_PROBABILITY_DIGITS);
    const format = parseTableFormat(opts.format);
    const plotValue = choice(opts.plotValue, "--plot-value", PROBABILITY_QUANTITIES);
    const { init, method, samples, seed } = readInitOptions(opts);
    if (dIns.length * widths.length * es.length > MAX_TABLE_ROWS) {
      throw new InputError(`invalid table. Must have at most ${MAX_TABLE_ROWS} rows. Value: \`${dIns.length * widths.length * es.length}\`.`);
    }
    if (opts.plot !== undefined && es.length !== 1) throw new InputError(`invalid --plot. A heat map needs a single --e. Value: \`${opts.e}\`.`);
    const bar = progressBar(dIns.length * widths.length * es.length, "probability");
    const rows = probabilityTable(init, dIns, widths, es, { digits, method, samples, seed, onProgress: (done) => bar.update(done) });
    bar.stop();
    const text = formatTable(probabilityRowsTable(rows), format);
    if (opts.plot !== undefined) {
      const name = "scheme" in init ? init.scheme : `sigma_w^2 = ${init.sigmaW2}, sigma_a^2 = ${init.sigmaA2}`;
      const svg = await probabilityHeatmapSvg(rows, { title: opts.title ?? `${name}, e = ${es[0]}: ${QUANTITY_TITLES[plotValue]}`, value: plotValue });
      writeFileAtomic(opts.plot, svg);
    }
    process.stdout.write(text);
  });
}
