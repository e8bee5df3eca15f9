import { InputError } from "../../errors.js";
import { at } from "../../scalar/at.js";
import { checkOutputPath } from "../../io/checkOutputPath.js";
import { writeFileAtomic } from "../../io/writeFileAtomic.js";
import { neuronLaw } from "../../probability/neuronLaw.js";
import { DEFAULT_TABLE_SAMPLES } from "../../probability/probabilityLimits.js";
import { probabilityWork } from "../../probability/probabilityWork.js";
import { enforceWorkCap } from "../enforceWorkCap.js";
import { MAX_DIMENSION } from "../../probability/pathologicalProbability.js";
import { MAX_PROBABILITY_DIGITS } from "../../probability/probabilityLimits.js";
import { MAX_TABLE_ROWS, probabilityTable } from "../../probability/probabilityTable.js";
import { probabilityRowsTable } from "../../probability/probabilityRowsTable.js";
import { formatTable } from "../../table/formatTable.js";
import { parseTableFormat } from "../../table/parseTableFormat.js";
import { PROBABILITY_QUANTITIES, probabilityHeatmapSvg, QUANTITY_TITLES } from "../../report/probabilityHeatmapSvg.js";
import type { InitOptions } from "../commands/probability.js";
import { choice, intListOption, intOption } from "../options.js";
import { progressBar } from "../progress.js";
import { readInitOptions } from "./readInitOptions.js";
import { interruptible } from "../_internals/interruptible.js";

/** The options of `relutopo table probability`, as commander parsed them. */
export interface TableProbabilityOptions extends InitOptions {
  dIn: string;
  width: string;
  e: string;
  digits: string;
  format: string;
  plot?: string;
  plotValue: string;
  title?: string;
  maxSeconds?: string;
}

/** `relutopo table probability`: builds the grid, prints the table and writes the heat map when asked. */
export async function probabilityTableAction(opts: TableProbabilityOptions): Promise<void> {
  const dIns = intListOption(opts.dIn, "--d-in", 1, MAX_DIMENSION, MAX_TABLE_ROWS);
  const widths = intListOption(opts.width, "--width", 1, 1_000_000_000, MAX_TABLE_ROWS);
  const es = intListOption(opts.e, "--e", 1, MAX_DIMENSION, MAX_TABLE_ROWS);
  const digits = intOption(opts.digits, "--digits", 1, MAX_PROBABILITY_DIGITS);
  const format = parseTableFormat(opts.format);
  const plotValue = choice(opts.plotValue, "--plot-value", PROBABILITY_QUANTITIES);
  const { init, method, samples, seed } = readInitOptions(opts);
  if (dIns.length * widths.length * es.length > MAX_TABLE_ROWS) {
    throw new InputError({
      field: "table",
      expected: `at most ${MAX_TABLE_ROWS} rows`,
      value: String(dIns.length * widths.length * es.length),
    });
  }
  if (opts.plot !== undefined && es.length !== 1)
    throw new InputError({ field: "--e", expected: "one value: a heat map (--plot) needs a single --e", value: String(opts.e) });
  // The heat map's path is checked before the table is computed, so a bad path costs nothing.
  if (opts.plot !== undefined) checkOutputPath(opts.plot, "file");
  const rowCount = dIns.length * widths.length * es.length;
  const dIn = Math.max(...dIns);
  const e = Math.max(...es);
  const monteCarlo = method === "monte-carlo" || (method === undefined && neuronLaw(init, dIn, at(widths, 0), e).distribution !== "normal");
  const work = probabilityWork({ rows: rowCount, dIn, e, digits, samples: monteCarlo ? (samples ?? DEFAULT_TABLE_SAMPLES) : undefined });
  enforceWorkCap(work, opts.maxSeconds);
  const bar = progressBar(rowCount, "probability", work.seconds);
  let rows: ReturnType<typeof probabilityTable>;
  try {
    rows = interruptible("table probability", bar, () =>
      probabilityTable(init, dIns, widths, es, { digits, method, samples, seed, onProgress: (done) => bar.update(done) }),
    );
  } finally {
    bar.stop();
  }
  const text = formatTable(probabilityRowsTable(rows), format);
  if (opts.plot !== undefined) {
    const name = "scheme" in init ? init.scheme : `sigma_w^2 = ${init.sigmaW2}, sigma_a^2 = ${init.sigmaA2}`;
    const svg = await probabilityHeatmapSvg(rows, {
      title: opts.title ?? `${name}, e = ${es[0]}: ${QUANTITY_TITLES[plotValue]}`,
      value: plotValue,
    });
    writeFileAtomic(opts.plot, svg);
  }
  process.stdout.write(text);
}
