/**
 * Opens a written report (`report/index.html` by default, or the directory or
 * page given as the first argument) in headless Chromium at 400 px and 1280 px
 * wide and checks what a reader sees: the page does not scroll sideways; every
 * figure lies within the page (a wide one scrolls inside its own box) and has
 * marks drawn (at least a few path/rect/circle/line/symbol elements with a
 * non-empty box); no text of a figure is drawn smaller than 9 px; and no
 * table cell breaks a number across lines. Prints one line per problem and
 * exits 1, or one summary line and exits 0; exits 2 when the page or the
 * browser is missing.
 *
 * Usage: node --import tsx scripts/checkReportLayout.ts [report-dir | index.html]
 * The browser is Debian's chromium (`apt-get install chromium`), or the one named
 * by CHROMIUM_PATH.
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const WIDTHS = [400, 1280] as const;
/** Fewer marks than this and a figure counts as empty (an axis alone draws more). */
const MIN_MARKS = 3;
/** The smallest figure text a reader can read, in CSS pixels as drawn. */
const MIN_TEXT_PX = 9;

interface PageFacts {
  scrollWidth: number;
  innerWidth: number;
  figures: {
    id: string;
    marks: number;
    left: number;
    right: number;
    width: number;
    height: number;
    smallestText: number;
    smallestLabel: string;
  }[];
  /** Numbers in table cells drawn on more than one line. */
  brokenNumbers: { table: string; number: string }[];
  tables: number;
}

// Runs in the page, as text: the project's type-check has no DOM library.
const MEASURE = `(() => {
  const figures = [...document.querySelectorAll("figure.figure")].map((f, i) => {
    const box = f.getBoundingClientRect();
    const graphic = f.querySelector("svg, img");
    const g = graphic ? graphic.getBoundingClientRect() : { left: 0, right: 0, width: 0, height: 0 };
    let marks = 0;
    if (graphic && graphic.tagName.toLowerCase() === "img") marks = graphic.naturalWidth > 0 ? ${MIN_MARKS} : 0;
    else if (graphic)
      for (const el of graphic.querySelectorAll("path, rect, circle, line, ellipse, polygon, polyline, use, symbol")) {
        const b = el.getBoundingClientRect();
        if (b.width > 0 || b.height > 0) marks++;
      }
    // the box the figure shows in: its scroll box when it scrolls inside one
    const shown = graphic ? (graphic.closest(".scroll") || graphic).getBoundingClientRect() : g;
    // text as drawn: its font size times the scale of every transform and of the viewBox above it
    let smallestText = Infinity;
    let smallestLabel = "";
    if (graphic)
      for (const t of graphic.querySelectorAll("text")) {
        if (!t.textContent.trim()) continue;
        const m = t.getScreenCTM();
        const size = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
        if (size < smallestText) { smallestText = size; smallestLabel = t.textContent.trim(); }
      }
    return { id: f.id || "figure " + (i + 1), marks, left: shown.left, right: shown.right, width: g.width, height: g.height, outer: box.width, smallestText, smallestLabel };
  });
  // a number wraps when the boxes of its characters lie on more than one line
  const NUMBER = /[-−+]?\\d+(?:[.,/:]\\d+)*(?:e[-−+]?\\d+)?/gi;
  const brokenNumbers = [];
  const tables = [...document.querySelectorAll("table")];
  for (const table of tables) {
    const caption = (table.closest("figure")?.querySelector("figcaption")?.textContent || "a table").slice(0, 60);
    for (const cell of table.querySelectorAll("th, td")) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.data.matchAll(NUMBER)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
          if (lines.size > 1) brokenNumbers.push({ table: caption, number: m[0] });
        }
      }
    }
  }
  return { scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth, figures, brokenNumbers, tables: tables.length };
})()`;

async function main(): Promise<number> {
  const arg = resolve(process.argv[2] ?? "report");
  const page = existsSync(arg) && statSync(arg).isDirectory() ? join(arg, "index.html") : arg;
  if (!existsSync(page)) {
    console.error(`checkReportLayout: invalid report. Must be a written report page. Value: \`${page}\`.`);
    return 2;
  }
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    console.error(
      `checkReportLayout: invalid browser. Must be an installed Chromium (apt-get install chromium). Value: \`${executablePath}\`.`,
    );
    return 2;
  }
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const problems: string[] = [];
  let figures = 0;
  let tables = 0;
  try {
    for (const width of WIDTHS) {
      const tab = await browser.newPage({ viewport: { width, height: 900 } });
      await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
      const facts = (await tab.evaluate(MEASURE)) as PageFacts;
      figures = facts.figures.length;
      if (facts.scrollWidth > facts.innerWidth)
        problems.push(`at ${width} px the page scrolls sideways: scroll width ${facts.scrollWidth} px > window ${facts.innerWidth} px`);
      if (facts.figures.length === 0) problems.push(`at ${width} px the page has no figures`);
      for (const f of facts.figures) {
        if (f.width <= 0 || f.height <= 0) problems.push(`at ${width} px figure ${f.id} has an empty box (${f.width} × ${f.height} px)`);
        else if (f.left < -0.5 || f.right > facts.innerWidth + 0.5)
          problems.push(`at ${width} px figure ${f.id} sticks out of the window (${Math.round(f.left)} … ${Math.round(f.right)} px)`);
        if (f.marks < MIN_MARKS)
          problems.push(`at ${width} px figure ${f.id} has ${f.marks} visible marks (at least ${MIN_MARKS} expected)`);
        if (f.smallestText < MIN_TEXT_PX - 0.05)
          problems.push(
            `at ${width} px figure ${f.id} draws text at ${f.smallestText.toFixed(1)} px ("${f.smallestLabel}"; at least ${MIN_TEXT_PX} px expected)`,
          );
      }
      for (const b of facts.brokenNumbers)
        problems.push(`at ${width} px a cell of the table "${b.table}" breaks the number ${b.number} across lines`);
      tables = facts.tables;
      await tab.close();
    }
  } finally {
    await browser.close();
  }
  for (const p of problems) console.log(p);
  if (problems.length > 0) return 1;
  console.log(
    `report layout: ok (${figures} figures with text ≥ ${MIN_TEXT_PX} px, ${tables} tables with every number whole, no sideways scroll at ${WIDTHS.join(" px and ")} px)`,
  );
  return 0;
}

process.exitCode = await main();
