import { formatTable } from "../table/formatTable.js";
import type { ReportDocument } from "./reportDocument.js";

/**
 * The same report as Markdown, with the figures as linked SVG files and the tables inline.
 *
 * @param doc - title, introduction, sections and footer
 * @returns the Markdown text
 * @example renderReportMarkdown({ title: "T", intro: [], sections: [], footer: [] }) // returns "# T\n\n---\n"
 */
export function renderReportMarkdown(doc: ReportDocument): string {
  const out: string[] = [`# ${doc.title}`, "", ...doc.intro.flatMap((p) => [p, ""])];
  for (const s of doc.sections) {
    out.push(`## ${s.title}`, "", ...s.paragraphs.flatMap((p) => [p, ""]));
    for (const f of s.figures) out.push(`![${f.caption}](${f.file})`, "", `*${f.caption}*`, "");
    for (const t of s.tables) {
      const shown = {
        columns: t.headings ?? t.table.columns,
        rows: t.showRows === undefined ? t.table.rows : t.table.rows.slice(0, t.showRows),
      };
      out.push(`**${t.caption}** (CSV: [${t.file}](${t.file}))`, "", formatTable(shown, "md").trimEnd(), "");
      if (shown.rows.length < t.table.rows.length) out.push(`First ${shown.rows.length} of ${t.table.rows.length} rows.`, "");
    }
  }
  out.push("---", "", ...doc.footer.flatMap((p) => [p, ""]));
  return out.join("\n");
}
