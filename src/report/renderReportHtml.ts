import type { ReportDocument, ReportTable } from "./reportDocument.js";

const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A cell that is one number (decimal, fraction or exponent form). */
const NUMERIC = /^[-−+]?\d+(?:[.,/]\d+)*(?:e[-−+]?\d+)?$/i;

/** The smallest text a reader must be able to read, in CSS pixels. */
const MIN_TEXT_PX = 9;

/**
 * The figure inline in HTML: the XML prolog a renderer may put before `<svg`
 * dropped, and a minimum width so that its smallest text never shrinks below
 * {@link MIN_TEXT_PX} (on a narrow screen the figure then scrolls inside its
 * own box instead of shrinking its text to specks).
 */
function inlineSvg(svg: string): string {
  const at = svg.indexOf("<svg");
  const body = at > 0 ? svg.slice(at) : svg;
  const head = body.slice(0, body.indexOf(">") + 1);
  const width = Number(/\swidth="([0-9.]+)"/.exec(head)?.[1]);
  const sizes = [...body.matchAll(/font-size(?:="|:\s*)([0-9.]+)/g)].map((m) => Number(m[1]));
  if (!(width > 0) || sizes.length === 0) return body;
  const smallest = Math.min(...sizes);
  if (smallest >= MIN_TEXT_PX * 4) return body;
  const minWidth = Math.ceil((width * MIN_TEXT_PX) / smallest);
  return `<svg style="min-width: ${minWidth}px"${body.slice(4)}`;
}

function htmlTable(t: ReportTable): string {
  const rows = t.showRows === undefined ? t.table.rows : t.table.rows.slice(0, t.showRows);
  const more =
    rows.length < t.table.rows.length
      ? `<p class="note">First ${rows.length} of ${t.table.rows.length} rows; all in <a href="${escapeHtml(t.file)}">${escapeHtml(t.file)}</a>.</p>`
      : `<p class="note">Also as <a href="${escapeHtml(t.file)}">${escapeHtml(t.file)}</a>.</p>`;
  // a column of numbers right-aligned (digits line up), any other column left-aligned
  const text = t.table.columns.map((_, j) => rows.some((r) => (r[j] ?? "") !== "" && !NUMERIC.test(r[j] ?? "")));
  const open = (tag: string, j: number): string => (text[j] ? `<${tag} class="text">` : `<${tag}>`);
  const head = `<tr>${(t.headings ?? t.table.columns).map((c, j) => `${open("th", j)}${escapeHtml(c)}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, j) => `${open("td", j)}${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n");
  return `<figure class="table"><figcaption>${escapeHtml(t.caption)}</figcaption><div class="scroll"><table>\n${head}\n${body}\n</table></div>${more}</figure>`;
}

/**
 * The report as one self-contained HTML page: every figure inline as SVG, no
 * scripts, no fonts or styles fetched from the network. Figures shrink to the
 * page's width until their smallest text would fall below 9 px, and scroll
 * inside their own box past that; wide tables scroll inside their own box and
 * never break a number; so the page never scrolls sideways on a narrow screen.
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
            `<figure class="figure" id="${escapeHtml(f.file)}"><div class="scroll">${inlineSvg(f.svg)}</div><figcaption>${escapeHtml(f.caption)} <a href="${escapeHtml(f.file)}">(${escapeHtml(f.file)})</a></figcaption></figure>`,
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
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1040px; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; }
p, figcaption, footer { overflow-wrap: break-word; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
figure { margin: 1.5em 0; } figure.figure svg { max-width: 100%; height: auto; display: block; }
.scroll { max-width: 100%; overflow-x: auto; }
figcaption { font-size: 0.92em; color: #444; margin-top: 0.3em; }
table { border-collapse: collapse; font-size: 0.85em; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; } th { background: #f4f4f4; vertical-align: bottom; }
td { white-space: nowrap; } .text { text-align: left; }
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
