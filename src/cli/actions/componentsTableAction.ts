import { formatTable } from "../../table/formatTable.js";
import { parseTableFormat } from "../../table/parseTableFormat.js";
import { componentsTable } from "../../symmetry/componentsTable.js";
import { componentsTableWork } from "../../symmetry/componentsTableWork.js";
import { enforceWorkCap } from "../enforceWorkCap.js";
import { intListOption } from "../options.js";

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
  enforceWorkCap(componentsTableWork(dIns, es, widths), opts.maxSeconds);
  const t = componentsTable(dIns, es, widths);
  process.stdout.write(formatTable(t, format));
}
