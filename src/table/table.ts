/**
 * A table: column names and rows of cell texts (counts and exact values
 * already printed). The shared shape every layer that tabulates returns and
 * `formatTable` prints; it sits at the bottom so that a layer can build a
 * table without importing the report.
 */
export interface Table {
  columns: string[];
  rows: string[][];
}

/** The table formats every `relutopo table …` command writes. */
export type TableFormat = "md" | "csv" | "json" | "tex";

/** Every {@link TableFormat}, in the order messages list them. */
export const TABLE_FORMATS: readonly TableFormat[] = ["md", "csv", "json", "tex"];
