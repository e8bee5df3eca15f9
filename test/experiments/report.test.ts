import { describe, expect, it } from "vitest";
import { formatDuration } from "../../src/report/formatDuration.js";
import type { ReportDocument } from "../../src/report/reportDocument.js";
import { renderReportHtml } from "../../src/report/renderReportHtml.js";
import { renderReportMarkdown } from "../../src/report/renderReportMarkdown.js";
import { shortNumber } from "../../src/report/shortNumber.js";

describe("renderReportHtml and renderReportMarkdown", () => {
  const doc: ReportDocument = {
    title: "T <&>",
    intro: ["a < b"],
    sections: [
      {
        id: "s",
        title: "S",
        paragraphs: ["p & q"],
        figures: [{ file: "f.svg", caption: "F", svg: '<?xml version="1.0"?><svg width="10" height="10"></svg>' }],
        tables: [{ file: "t.csv", caption: "T", table: { columns: ["x"], rows: [["1"], ["2"], ["3"]] }, showRows: 2 }],
      },
    ],
    footer: ["end"],
  };

  it("should inline each figure's SVG without its XML prolog and escape text", () => {
    const html = renderReportHtml(doc);
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html).not.toContain("<?xml");
    expect(html).toContain("<title>T &lt;&amp;&gt;</title>");
    expect(html).toContain("<p>p &amp; q</p>");
    expect(html).toContain("First 2 of 3 rows");
  });

  it("should link figures and show tables in Markdown", () => {
    const md = renderReportMarkdown(doc);
    expect(md).toContain("![F](f.svg)");
    expect(md).toContain("| x |\n|---|\n| 1 |\n| 2 |");
    expect(md).toContain("First 2 of 3 rows.");
    const worded = renderReportMarkdown({
      ...doc,
      sections: [{ ...doc.sections[0]!, tables: [{ ...doc.sections[0]!.tables[0]!, headings: ["x in words"] }] }],
    });
    expect(worded).toContain("| x in words |\n|---|\n| 1 |");
  });
});

describe("renderReportHtml: readable at any width", () => {
  type Section = Parameters<typeof renderReportHtml>[0]["sections"][number];
  /** A one-section report page with these figures and tables. */
  const pageWith = (parts: Pick<Section, "figures" | "tables">): string =>
    renderReportHtml({ title: "T", intro: [], sections: [{ id: "s", title: "S", paragraphs: [], ...parts }], footer: [] });
  const page = (svg: string): string =>
    pageWith({
      figures: [{ file: "f.svg", caption: "F", svg }],
      tables: [
        { file: "t.csv", caption: "T", table: { columns: ["se_effect_0_to_1"], rows: [["0.625"]] }, headings: ["± standard error"] },
      ],
    });

  it("should give a figure the width at which its smallest text is drawn at 9 px", () => {
    // 750 px wide with 10 px text: shrinking below 675 px would draw that text under 9 px
    const html = page(
      '<svg width="750" height="300" viewBox="0 0 750 300"><text font-size="10px">a</text><text font-size="13px">b</text></svg>',
    );
    expect(html).toContain('<div class="scroll"><svg style="min-width: 675px" width="750"');
    // 18 px text may shrink to half
    expect(page('<svg width="600" height="300"><text style="font-size: 18px">a</text></svg>')).toContain('style="min-width: 300px"');
  });

  it("should left-align a column of words and right-align a column of numbers", () => {
    const html = pageWith({
      figures: [],
      tables: [
        {
          file: "t.csv",
          caption: "T",
          table: {
            columns: ["name", "n"],
            rows: [
              ["GD", "1/2"],
              ["Adam", ""],
            ],
          },
        },
      ],
    });
    expect(html).toContain('<tr><th class="text">name</th><th>n</th></tr>');
    expect(html).toContain('<tr><td class="text">GD</td><td>1/2</td></tr>');
  });

  it("should let wide tables scroll in their own box", () => {
    const html = pageWith({ figures: [], tables: [{ file: "t.csv", caption: "T", table: { columns: ["x"], rows: [["1"]] } }] });
    expect(html).toContain('<div class="scroll"><table>');
    expect(html).toMatch(/\.scroll \{ max-width: 100%; overflow-x: auto; \}/);
  });

  it("should keep numbers whole and head columns in words, the CSV's names kept for the file", () => {
    const html = page("<svg></svg>");
    expect(html).not.toContain("overflow-wrap: anywhere");
    expect(html).toContain("td { white-space: nowrap; }");
    expect(html).toContain("<th>± standard error</th>");
    expect(html).toContain("<td>0.625</td>");
    expect(html).not.toContain("se_effect_0_to_1");
  });
});

describe("shortNumber and formatDuration", () => {
  it("should print numbers and durations for running text", () => {
    expect(shortNumber("0.00079142947707124445519")).toBe("7.914e-4");
    expect(shortNumber("0.625")).toBe("0.625");
    expect(shortNumber(2.0701125)).toBe("2.07");
    expect(shortNumber("5.2e-57")).toBe("5.200e-57");
    expect(formatDuration(200_000)).toBe("3 min 20 s");
    expect(formatDuration(4_000)).toBe("4 s");
    expect(formatDuration(7_500_000)).toBe("2 h 05 min");
  });
});
