import type { TopLevelSpec } from "vega-lite";
import { SERIES_COLOURS } from "./_internals/bandLayers.js";

/** One bar of {@link categoryBarsSpec}: its category on the x axis, its series (colour), its height and the text above it. */
export interface CategoryBar {
  category: string;
  series: string;
  value: number;
  label: string;
}

/** Titles and orders of {@link categoryBarsSpec}. */
export interface CategoryBarsOptions {
  title: string;
  subtitle?: string;
  xTitle: string;
  yTitle: string;
  seriesTitle: string;
  /** Categories left to right. */
  categoryOrder: string[];
  /** Series in legend order, side by side within a category. */
  seriesOrder: string[];
  /** The y axis runs from 0 to this (e.g. 1 for fractions). */
  yMax: number;
}

/**
 * Grouped bars: one group per category (e.g. an optimiser), one bar per
 * series side by side in the series colours, each bar's text (e.g. "3/40")
 * above it, so that a bar of height zero still says what it counts.
 *
 * @param bars - every bar
 * @param options - titles, orders and the top of the y axis
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example categoryBarsSpec([], { title: "T", xTitle: "x", yTitle: "y", seriesTitle: "s", categoryOrder: [], seriesOrder: [], yMax: 1 }).layer.length // returns 2
 */
export function categoryBarsSpec(bars: readonly CategoryBar[], options: CategoryBarsOptions): TopLevelSpec & { layer: unknown[] } {
  const x = {
    field: "category",
    type: "nominal" as const,
    title: options.xTitle,
    sort: options.categoryOrder,
    axis: { labelAngle: 0, labelLimit: 150, labelFontSize: 10 },
  };
  const xOffset = { field: "series", type: "nominal" as const, sort: options.seriesOrder, scale: { paddingInner: 0.1 } };
  const y = { field: "value", type: "quantitative" as const, title: options.yTitle, scale: { domain: [0, options.yMax] } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: options.title, subtitle: options.subtitle ?? "" },
    width: 600,
    height: 260,
    data: { values: [...bars] },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x,
          xOffset,
          y,
          color: {
            field: "series",
            type: "nominal",
            title: options.seriesTitle,
            sort: options.seriesOrder,
            scale: { domain: options.seriesOrder, range: options.seriesOrder.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]!) },
            legend: { orient: "bottom" },
          },
        },
      },
      {
        mark: { type: "text", dy: -6, fontSize: 10, color: "#333" },
        encoding: { x, xOffset, y, text: { field: "label" } },
      },
    ],
    config: { legend: { labelLimit: 320 } },
  } as unknown as TopLevelSpec & { layer: unknown[] };
}
