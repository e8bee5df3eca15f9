import { activationName } from "../net/activationName.js";
import { parameterCount } from "./parameterCount.js";
import type { Table } from "../table/table.js";
import { lawArchitecture } from "./lawArchitecture.js";
import { lawsReport, type LawDynamics, type LawsReport } from "./lawsReport.js";

/**
 * The rows of `relutopo table laws`: for each architecture, activation and
 * bias setting, the certified number of conservation laws next to the closed
 * form of Marcotte et al. where one is known.
 *
 * With the one flow `gradient` (the default) the columns are `count, lower,
 * upper, certified, closed form, agrees`; with several flows (or `momentum`
 * alone) each of these is given per flow, side by side, named
 * `<flow> count`, `<flow> certified`, ….
 *
 * @param architectures - width lists, input first
 * @param activations - activation names
 * @param biases - with and/or without hidden biases
 * @param degree - the degree of the laws searched (default 2)
 * @param onProgress - called with the number of rows done after each row (a progress bar)
 * @param dynamics - the flows compared (default gradient flow alone)
 * @returns the table, one row per architecture, activation and bias setting
 */
export function lawsTable(
  architectures: readonly (readonly number[])[],
  activations: readonly string[],
  biases: readonly boolean[],
  degree = 2,
  onProgress?: (rows: number) => void,
  dynamics: readonly LawDynamics[] = ["gradient"],
): Table {
  const single = dynamics.length === 1 && dynamics[0] === "gradient";
  const cells = (r: LawsReport): string[] => {
    const known = r.known?.count ?? "";
    return [r.count, r.lower, r.upper, String(r.certified), known, known === "" ? "" : String(known === r.count)];
  };
  const names = ["count", "lower", "upper", "certified", "closed form", "agrees"];
  const rows: string[][] = [];
  for (const widths of architectures)
    for (const activation of activations)
      for (const bias of biases) {
        const arch = lawArchitecture(widths, { activation, bias });
        const reports = dynamics.map((d) => lawsReport(arch, { degree, dynamics: d }));
        onProgress?.(rows.length + 1);
        rows.push([
          widths.join(","),
          activationName(arch.activation),
          bias ? "yes" : "no",
          String(parameterCount(arch)),
          ...reports.flatMap(cells),
        ]);
      }
  const columns = single ? names : dynamics.flatMap((d) => names.map((n) => `${d} ${n}`));
  return { columns: ["widths", "activation", "bias", "parameters", ...columns], rows };
}
