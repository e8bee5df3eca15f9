import { formatTable } from "../../table/formatTable.js";
import { parseTableFormat } from "../../table/parseTableFormat.js";
import { componentsTable } from "../../symmetry/componentsTable.js";
import { componentsTableWork } from "../../symmetry/componentsTableWork.js";
import { enforceWorkCap } from "../enforceWorkCap.js";
import { progressBar } from "../progress.js";
import { intListOption } from "../options.js";
import { interruptible } from "../_internals/interruptible.js";

/** The options of `relutopo table components`. */
export interface ComponentsTableOptions {
  dIn: string;
  e: string;
  width: string;
  format: string;
  maxSeconds?: string;
}

/** `relutopo table components`: builds the table and prints it in the chosen format. */
export async function componentsTableAction(opts: ComponentsTableOptions): Promise<void> {
  const format = parseTableFormat(opts.format);
  const dIns = intListOption(opts.dIn, "--d-in", 1, 10_000);
  const es = intListOption(opts.e, "--e", 1, 10_000);
  const widths = intListOption(opts.width, "--width", 1, 200);
  const work = componentsTableWork(dIns, es, widths);
  enforceWorkCap(work, opts.maxSeconds);
  const rows = dIns.length * es.length * widths.reduce((n, l) => n + ((l + 1) * (l + 2)) / 2, 0);
  const bar = progressBar(rows, "table components", work.seconds);
  let t: ReturnType<typeof componentsTable>;
  try {
    t = interruptible("table components", bar, () => componentsTable(dIns, es, widths, (done) => bar.update(done)));
  } finally {
    bar.stop();
  }
  process.stdout.write(formatTable(t, format));
}
