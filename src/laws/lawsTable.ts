import type { Table } from "../table/table.js";
import { lawArchitecture } from "./lawArchitecture.js";
import { lawsReport } from "./lawsReport.js";

/**
 * The rows of `relutopo table laws`: for each architecture, activation and
 * bias setting, the certified number of conservation laws next to the closed
 * form of Marcotte et al. where one is known.
 *
 * @param architectures - width lists, input first
 * @param activations - activation names
 * @param biases - with and/or without hidden biases
 * @param degree - the degree of the laws searched (default 2)
 * @param onProgress - called with the number of rows done after each row (a progress bar)
 * @returns the table, one row per architecture, activation and bias setting
 */
export function lawsTable(
  architectures: readonly (readonly number[])[],
  activations: readonly string[],
  biases: readonly boolean[],
  degree = 2,
  onProgress?: (rows: number) => void,
): Table {
  const rows: string[][] = [];
  for (const widths of architectures)
    for (const activation of activations)
      for (const bias of biases) {
        const r = lawsReport(lawArchitecture(widths, { activation, bias }), { degree });
        const known = r.known?.count ?? "";
        onProgress?.(rows.length + 1);
        rows.push([
          widths.join(","),
          r.activation,
          bias ? "yes" : "no",
          String(r.parameters),
          r.count,
          r.lower,
          r.upper,
          String(r.certified),
          known,
          known === "" ? "" : String(known === r.count),
        ]);
      }
  return { columns: ["widths", "activation", "bias", "parameters", "count", "lower", "upper", "certified", "closed form", "agrees"], rows };
}
