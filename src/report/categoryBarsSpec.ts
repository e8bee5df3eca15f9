import type { TopLevelSpec } from "vega-lite";
import type { CategoryEffectOptions } from "./categoryEffectSpec.js";
import { categoryAxis, longLegendLabels, quantitativeAxis, seriesColour, specHead } from "./_internals/specBlocks.js";

/** One bar of {@link categoryBarsSpec}: its category on the x axis, its series (colour), its height and the text above it. */
export interface CategoryBar {
  category: string;
  series: string;
  value: number;
  label: string;
}

/** Titles and orders of {@link categoryBarsSpec}: those of `categoryEffectSpec`, with the top of the y axis. */
export interface CategoryBarsOptions extends CategoryEffectOptions {
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
  const x = categoryAxis(options.xTitle, options.categoryOrder);
  const xOffset = { field: "series", type: "nominal" as const, sort: options.seriesOrder, scale: { paddingInner: 0.1 } };
  const y = quantitativeAxis("value", options.yTitle, { scale: { domain: [0, options.yMax] } });
  return {
    ...specHead(options, { width: 600, height: 260 }),
    data: { values: [...bars] },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x,
          xOffset,
          y,
          color: seriesColour("series", options.seriesOrder, { title: options.seriesTitle, sort: true, legend: { orient: "bottom" } }),
        },
      },
      {
        mark: { type: "text", dy: -6, fontSize: 10, color: "#333" },
        encoding: { x, xOffset, y, text: { field: "label" } },
      },
    ],
    config: longLegendLabels(),
  } as unknown as TopLevelSpec & { layer: unknown[] };
}
