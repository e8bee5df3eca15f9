import { stringify } from "csv-stringify/sync";
import type { Table, TableFormat } from "./table.js";

const TEX_SPECIAL: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  // text-mode < and > print as ¡ and ¿ in LaTeX's default font encoding: set them in math mode
  "<": "$<$",
  ">": "$>$",
};

function tex(cell: string): string {
  // A character without an entry is not special in LaTeX text: it stays as it is.
  return Array.from(cell, (ch) => TEX_SPECIAL[ch] ?? ch).join("");
}

/**
 * Prints a table as Markdown, CSV (RFC 4180), JSON (an array of objects keyed
 * by column) or a LaTeX `tabular` that compiles on its own inside a document.
 *
 * @param table - column names and rows of cell texts
 * @param format - `md`, `csv`, `json` or `tex`
 * @returns the printed table, ending in a newline
 * @example formatTable({ columns: ["l", "b0"], rows: [["2", "4"]] }, "csv") // returns "l,b0\n2,4\n"
 */
export function formatTable(table: Table, format: TableFormat): string {
  const { columns, rows } = table;
  switch (format) {
    case "csv":
      return stringify([columns, ...rows]);
    case "json":
      return `${JSON.stringify(
        rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]]))),
        null,
        2,
      )}\n`;
    case "md": {
      const line = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
      const lines = [line(columns), `|${columns.map(() => "---").join("|")}|`, ...rows.map(line)];
      return `${lines.join("\n")}\n`;
    }
    case "tex": {
      const line = (cells: string[]): string => `${cells.map(tex).join(" & ")} \\\\`;
      const lines = [
        `\\begin{tabular}{${"r".repeat(columns.length)}}`,
        "\\hline",
        line(columns),
        "\\hline",
        ...rows.map(line),
        "\\hline",
        "\\end{tabular}",
      ];
      return `${lines.join("\n")}\n`;
    }
  }
}
