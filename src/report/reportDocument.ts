import type { Table } from "../table/table.js";

/** A figure of the report: its file name (`*.svg`), caption and SVG text. */
export interface ReportFigure {
  file: string;
  caption: string;
  svg: string;
}

/** A table of the report, written as `file` (CSV) and shown in the page. */
export interface ReportTable {
  file: string;
  caption: string;
  table: Table;
  /**
   * Column headings in words for the page and the Markdown (`table.columns`
   * keeps the short field names the CSV is parsed by); one per column.
   */
  headings?: string[];
  /** Show at most this many rows in the page (the CSV has them all). */
  showRows?: number;
}

/** One section: a heading, paragraphs of plain text, figures and tables. */
export interface ReportSection {
  id: string;
  title: string;
  paragraphs: string[];
  figures: ReportFigure[];
  tables: ReportTable[];
}

/** The whole report. */
export interface ReportDocument {
  title: string;
  intro: string[];
  sections: ReportSection[];
  footer: string[];
}
