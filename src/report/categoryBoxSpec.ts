import type { TopLevelSpec } from "vega-lite";
import type { BandFigureOptions } from "./bandFigureSpec.js";
import { categoryAxis, quantitativeAxis, seriesColour, specHead } from "./_internals/specBlocks.js";

/** A labelled horizontal reference line of {@link categoryBoxSpec}. */
interface ReferenceLine {
  value: number;
  label: string;
}

/** Titles, order and reference lines of {@link categoryBoxSpec}. */
export interface CategoryBoxOptions extends Pick<BandFigureOptions, "title" | "subtitle" | "xTitle" | "yTitle"> {
  /** Categories left to right (each in its own colour). */
  categoryOrder: string[];
  /** Dashed grey lines across the plot, labelled at the right. */
  references: ReferenceLine[];
}

/**
 * The distribution of a value per category as box plots (median, quartiles,
 * whiskers to the extremes) on a symmetric-log y axis, so that values near 0
 * and values many times larger both show, with reference lines labelled at
 * the right of the plot.
 *
 * @param values - (category, value) pairs
 * @param options - titles, order and reference lines
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example categoryBoxSpec([], { title: "T", xTitle: "x", yTitle: "y", categoryOrder: [], references: [] }).layer.length // returns 3
 */
export function categoryBoxSpec(
  values: readonly { category: string; value: number }[],
  options: CategoryBoxOptions,
): TopLevelSpec & { layer: unknown[] } {
  // ticks at 0, ±1 and powers of ten: the symmetric-log axis puts its own ticks unevenly
  const extreme = values.reduce((m, v) => Math.max(m, Math.abs(v.value)), 1);
  const ticks = [0];
  for (let t = 1; t <= extreme * 10; t *= 10) ticks.push(t, -t);
  // The domain padded by 4 % on the symlog scale: with the data's own extremes as the domain the
  // longest whisker ends on the frame and reads as cut off.
  const symlog = (v: number): number => Math.sign(v) * Math.log1p(Math.abs(v));
  const unsymlog = (v: number): number => Math.sign(v) * Math.expm1(Math.abs(v));
  const all = [...values.map((v) => v.value), ...options.references.map((r) => r.value)];
  const [lo, hi] = all.length > 0 ? [symlog(all.reduce((m, v) => Math.min(m, v))), symlog(all.reduce((m, v) => Math.max(m, v)))] : [0, 1];
  const pad = 0.04 * Math.max(hi - lo, 1);
  const y = quantitativeAxis("value", options.yTitle, {
    scale: { type: "symlog" as const, nice: false, domain: [unsymlog(lo - pad), unsymlog(hi + pad)] },
    axis: { values: ticks.sort((a, b) => a - b), format: "~r" },
  });
  return {
    ...specHead(options, { width: 560, height: 280 }),
    layer: [
      {
        data: { values: options.references },
        mark: { type: "rule", color: "#888", strokeDash: [4, 3], strokeWidth: 1 },
        encoding: { y: { field: "value", type: "quantitative" } },
      },
      {
        data: { values: options.references },
        // at the right, outside the plot, where no box can hide them
        mark: { type: "text", align: "left", baseline: "middle", x: "width", dx: 4, fontSize: 10, color: "#555" },
        encoding: { y: { field: "value", type: "quantitative" }, text: { field: "label" } },
      },
      {
        data: { values: [...values] },
        mark: { type: "boxplot", extent: "min-max", size: 28, median: { color: "#000" } },
        encoding: {
          x: categoryAxis(options.xTitle, options.categoryOrder),
          y,
          color: seriesColour("category", options.categoryOrder, { sort: true, legend: null }),
        },
      },
    ],
  } as unknown as TopLevelSpec & { layer: unknown[] };
}
