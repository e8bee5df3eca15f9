import type { TopLevelSpec } from "vega-lite";
import type { BandFigureOptions, BandPoint } from "./bandFigureSpec.js";
import { longLegendLabels, quantitativeAxis, specHead } from "./_internals/specBlocks.js";

/** Labels of {@link bandSmallMultiplesSpec}: the titles of a band plot, panels in place of series. */
export interface BandSmallMultiplesOptions extends Pick<BandFigureOptions, "title" | "subtitle" | "xTitle" | "yTitle"> {
  /** Panels (the points' `series`) in reading order. */
  panelOrder: string[];
  /** Panels per row (default 4). */
  columns?: number;
  /** The x whose points are drawn apart (e.g. l₊ = 0), and the legend labels of it and of the others. */
  highlight?: { x: number; label: string; otherLabel: string };
}

/**
 * Small multiples: one small band plot per series, in a grid, each with its own
 * whole-number x axis and one shared y axis, so many series (e.g. 16 widths)
 * stay readable; the points at `highlight.x` get their own colour.
 *
 * @param points - the mean and band of every series at every x
 * @param options - titles, panel order and the highlighted x
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example bandSmallMultiplesSpec([], { title: "T", xTitle: "x", yTitle: "y", panelOrder: [] }).columns // returns 4
 */
export function bandSmallMultiplesSpec(
  points: readonly BandPoint[],
  options: BandSmallMultiplesOptions,
): TopLevelSpec & { facet: { columns: number } } {
  const h = options.highlight;
  const values = points.map((p) => ({ ...p, kind: h && p.x === h.x ? h.label : (h?.otherLabel ?? "") }));
  const x = quantitativeAxis("x", options.xTitle, { axis: { tickMinStep: 1, format: "d", tickCount: 5 } });
  // the highlighted points and the others, in that order, told apart by an ordered property
  const byKind = (kinds: { label: string; otherLabel: string }, range: (string | number)[]) => ({
    field: "kind",
    type: "ordinal",
    sort: [kinds.label, kinds.otherLabel],
    title: null,
    scale: { domain: [kinds.label, kinds.otherLabel], range },
  });
  const y = { type: "quantitative", title: options.yTitle, scale: { zero: false } };
  return {
    ...specHead(options),
    data: { values },
    facet: { field: "series", type: "nominal", title: null, sort: options.panelOrder, header: { labelFontSize: 12 } },
    columns: options.columns ?? 4,
    spec: {
      width: 150,
      height: 110,
      layer: [
        { mark: { type: "area", opacity: 0.2, color: "#4c78a8" }, encoding: { x, y: { ...y, field: "lo" }, y2: { field: "hi" } } },
        { mark: { type: "line", color: "#4c78a8", strokeWidth: 1.6 }, encoding: { x, y: { ...y, field: "mean" } } },
        {
          mark: { type: "point", filled: true, size: 30 },
          encoding: {
            x,
            y: { ...y, field: "mean" },
            color: h ? { ...byKind(h, ["#d62728", "#4c78a8"]), legend: { orient: "top" } } : { value: "#4c78a8" },
            ...(h ? { size: byKind(h, [70, 24]) } : {}),
          },
        },
      ],
    },
    resolve: { scale: { x: "independent" } },
    config: longLegendLabels(),
  } as unknown as TopLevelSpec & { facet: { columns: number } };
}
