import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { formatTable } from "../../src/table/formatTable.js";
import { parseTableFormat } from "../../src/table/parseTableFormat.js";
import type { Table } from "../../src/table/table.js";

/** Tables of 1–4 columns and 0–5 rows of arbitrary cell texts (commas, quotes, newlines included). */
const arbTable = (): fc.Arbitrary<Table> =>
  fc.integer({ min: 1, max: 4 }).chain((n) =>
    fc.record({
      columns: fc.array(fc.string({ minLength: 1 }), { minLength: n, maxLength: n }),
      rows: fc.array(fc.array(fc.string(), { minLength: n, maxLength: n }), { maxLength: 5 }),
    }),
  );

describe("formatTable", () => {
  it("should print CSV that an independent parser reads back cell for cell", () => {
    fc.assert(
      fc.property(arbTable(), (table) => {
        // Act
        const csv = formatTable(table, "csv");
        // Assert
        expect(parse(csv, { relax_column_count: false })).toEqual([table.columns, ...table.rows]);
      }),
    );
  });

  it("should print JSON objects keyed by column", () => {
    // Arrange
    const table = {
      columns: ["l", "b0"],
      rows: [
        ["2", "4"],
        ["3", "8"],
      ],
    };
    // Act
    const json = JSON.parse(formatTable(table, "json"));
    // Assert
    expect(json).toEqual([
      { l: "2", b0: "4" },
      { l: "3", b0: "8" },
    ]);
  });

  it("should escape | in Markdown and TeX specials in LaTeX", () => {
    // Arrange
    const table = { columns: ["a|b", "x_1"], rows: [["50%", "{&}"]] };
    // Act & Assert
    expect(formatTable(table, "md")).toBe("| a\\|b | x_1 |\n|---|---|\n| 50% | {&} |\n");
    expect(formatTable(table, "tex")).toBe(
      "\\begin{tabular}{rr}\n\\hline\na|b & x\\_1 \\\\\n\\hline\n50\\% & \\{\\&\\} \\\\\n\\hline\n\\end{tabular}\n",
    );
  });
});

describe("formatTable tex", () => {
  it("should set < and > in math mode, where LaTeX prints them as < and > and not as ¡ and ¿", () => {
    // Arrange
    const table = { columns: ["c<0", "c=0", "c>0"], rows: [["1", "0", "2"]] };
    // Act
    const header = formatTable(table, "tex").split("\n")[2];
    // Assert
    expect(header).toBe("c$<$0 & c=0 & c$>$0 \\\\");
  });
});

describe("parseTableFormat", () => {
  it("should accept the four formats and reject anything else with the expected list", () => {
    expect(["md", "csv", "json", "tex"].map(parseTableFormat)).toEqual(["md", "csv", "json", "tex"]);
    expect(() => parseTableFormat("xlsx")).toThrow(InputError);
    expect(() => parseTableFormat("xlsx")).toThrow("invalid format. Must be one of md, csv, json, tex. Value: `xlsx`.");
  });
});
