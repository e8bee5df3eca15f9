import type { TopLevelSpec } from "vega-lite";
import { SERIES_COLOURS } from "./_internals/bandLayers.js";

/** One effect of {@link categoryEffectSpec}: its category on the x axis, its series, mean and standard error. */
export interface CategoryEffect {
  category: string;
  series: string;
  mean: number;
  se: number;
}

/** Titles and orders of {@link categoryEffectSpec}. */
export interface CategoryEffectOptions {
  title: string;
  subtitle?: string;
  xTitle: string;
  yTitle: string;
  seriesTitle: string;
  categoryOrder: string[];
  seriesOrder: string[];
}

/**
 * Paired effects per category (e.g. per optimiser) as dots with ± one
 * standard-error bars, the series side by side within a category, and a rule
 * at zero (no effect): the categorical twin of `pairedEffectSpec`.
 *
 * @param effects - every effect to draw
 * @param options - titles and orders
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example categoryEffectSpec([], { title: "T", xTitle: "x", yTitle: "y", seriesTitle: "s", categoryOrder: [], seriesOrder: [] }).layer.length // returns 3
 */
export function categoryEffectSpec(
  effects: readonly CategoryEffect[],
  options: CategoryEffectOptions,
): TopLevelSpec & { layer: unknown[] } {
  const values = effects.map((e) => ({ ...e, lo: e.mean - e.se, hi: e.mean + e.se }));
  const x = {
    field: "category",
    type: "nominal" as const,
    title: options.xTitle,
    sort: options.categoryOrder,
    scale: { domain: options.categoryOrder },
    axis: { labelAngle: 0, labelLimit: 150, labelFontSize: 10 },
  };
  const xOffset = { field: "series", type: "nominal" as const, sort: options.seriesOrder, scale: { domain: options.seriesOrder } };
  const color = {
    field: "series",
    type: "nominal" as const,
    title: options.seriesTitle,
    scale: { domain: options.seriesOrder, range: options.seriesOrder.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]!) },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: options.title, subtitle: options.subtitle ?? "" },
    width: 600,
    height: 260,
    layer: [
      {
        data: { values: [{ y: 0 }] },
        mark: { type: "rule", color: "#333", strokeWidth: 1 },
        encoding: { y: { field: "y", type: "quantitative" } },
      },
      {
        data: { values },
        mark: { type: "rule", strokeWidth: 2 },
        // a copy of the series field, so this layer's hidden legend does not merge with the dots'
        transform: [{ calculate: "datum.series", as: "bar" }],
        encoding: {
          x,
          xOffset: { ...xOffset, field: "bar" },
          y: { field: "lo", type: "quantitative", title: options.yTitle },
          y2: { field: "hi" },
          stroke: { ...color, field: "bar", legend: null },
        },
      },
      {
        data: { values },
        mark: { type: "point", filled: true, size: 60 },
        encoding: {
          x,
          xOffset,
          y: { field: "mean", type: "quantitative", title: options.yTitle },
          color: { ...color, legend: { orient: "bottom" } },
        },
      },
    ],
    config: { legend: { labelLimit: 320 } },
  } as unknown as TopLevelSpec & { layer: unknown[] };
}
