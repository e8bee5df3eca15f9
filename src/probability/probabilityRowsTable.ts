import type { Table } from "../table/table.js";
import type { ProbabilityRow } from "./probabilityTable.js";

/** The columns a probability table prints, in order. */
export const PROBABILITY_COLUMNS = [
  "dIn",
  "width",
  "e",
  "pNeuron",
  "pSplit",
  "pDisconnected",
  "expectedPathological",
  "expectedComponents",
] as const;

/**
 * Rows as a {@link Table} for `formatTable`: the shape, then the five
 * probabilities; `rho` (exact) for closed forms, or the Monte Carlo `hits`,
 * `samples` and Wilson 95 % bounds `ciLow`, `ciHigh`.
 *
 * @param rows - rows of `probabilityTable`, all exact or all Monte Carlo
 * @returns the table `relutopo table probability` prints
 * @example probabilityRowsTable(probabilityTable({ scheme: "xavier-normal" }, [2], [1], [1])).columns[3] // returns "rho"
 */
export function probabilityRowsTable(rows: ProbabilityRow[]): Table {
  const mc = rows[0]?.ci95 !== undefined;
  const columns: string[] = [
    ...PROBABILITY_COLUMNS.slice(0, 3),
    ...(mc ? [] : ["rho"]),
    ...PROBABILITY_COLUMNS.slice(3),
    ...(mc ? ["ciLow", "ciHigh", "hits", "samples"] : []),
  ];
  return {
    columns,
    rows: rows.map((r) => [
      String(r.dIn),
      String(r.width),
      String(r.e),
      ...(mc ? [] : [r.rho ?? ""]),
      r.pNeuron,
      r.pSplit,
      r.pDisconnected,
      r.expectedPathological,
      r.expectedComponents,
      ...(mc ? [r.ci95![0], r.ci95![1], r.hits!, r.samples!] : []),
    ]),
  };
}
