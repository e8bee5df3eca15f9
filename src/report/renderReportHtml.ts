import type { ReportDocument, ReportTable } from "./reportDocument.js";

const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Drops the XML prolog a renderer may put before `<svg`, so the figure can sit inline in HTML. */
function inlineSvg(svg: string): string {
  const at = svg.indexOf("<svg");
  return at > 0 ? svg.slice(at) : svg;
}

function htmlTable(t: ReportTable): string {
  const rows = t.showRows === undefined ? t.table.rows : t.table.rows.slice(0, t.showRows);
  const more =
    rows.length < t.table.rows.length
      ? `<p class="note">First ${rows.length} of ${t.table.rows.length} rows; all in <a href="${escapeHtml(t.file)}">${escapeHtml(t.file)}</a>.</p>`
      : `<p class="note">Also as <a href="${escapeHtml(t.file)}">${escapeHtml(t.file)}</a>.</p>`;
  const head = `<tr>${t.table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n");
  return `<figure class="table"><figcaption>${escapeHtml(t.caption)}</figcaption><div class="scroll"><table>\n${head}\n${body}\n</table></div>${more}</figure>`;
}

/**
 * The report as one self-contained HTML page: every figure inline as SVG, no
 * scripts, no fonts or styles fetched from the network. Figures shrink to the
 * page's width and wide tables scroll inside their own box, so the page never
 * scrolls sideways on a narrow screen.
 *
 * @param doc - title, introduction, sections and footer
 * @returns the page's text
 * @example renderReportHtml({ title: "T", intro: [], sections: [], footer: [] }).startsWith("<!DOCTYPE html>") // returns true
 */
export function renderReportHtml(doc: ReportDocument): string {
  const sections = doc.sections
    .map((s) => {
      const paragraphs = s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
      const figures = s.figures
        .map(
          (f) =>
            `<figure class="figure" id="${escapeHtml(f.file)}">${inlineSvg(f.svg)}<figcaption>${escapeHtml(f.caption)} <a href="${escapeHtml(f.file)}">(${escapeHtml(f.file)})</a></figcaption></figure>`,
        )
        .join("\n");
      const tables = s.tables.map(htmlTable).join("\n");
      return `<section id="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.title)}</h2>\n${paragraphs}\n${figures}\n${tables}\n</section>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1040px; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; overflow-wrap: anywhere; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
figure { margin: 1.5em 0; } figure.figure svg { max-width: 100%; height: auto; display: block; }
.scroll { max-width: 100%; overflow-x: auto; }
figcaption { font-size: 0.92em; color: #444; margin-top: 0.3em; }
table { border-collapse: collapse; font-size: 0.85em; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; } th { background: #f4f4f4; }
.note { font-size: 0.85em; color: #666; } footer { margin-top: 3em; font-size: 0.85em; color: #666; }
</style>
</head>
<body>
<h1>${escapeHtml(doc.title)}</h1>
${doc.intro.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${sections}
<footer>${doc.footer.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}</footer>
</body>
</html>
`;
}
