import type { TopLevelSpec } from "vega-lite";
import type { PairedEffectOptions } from "./pairedEffectSpec.js";
import { categoryAxis, effectLayers, longLegendLabels, seriesColour, specHead } from "./_internals/specBlocks.js";

/** One effect of {@link categoryEffectSpec}: its category on the x axis, its series, mean and standard error. */
export interface CategoryEffect {
  category: string;
  series: string;
  mean: number;
  se: number;
}

/** Titles and orders of {@link categoryEffectSpec}: those of `pairedEffectSpec`, with categories on the x axis. */
export interface CategoryEffectOptions extends PairedEffectOptions {
  /** Categories left to right. */
  categoryOrder: string[];
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
  const x = categoryAxis(options.xTitle, options.categoryOrder, true);
  const xOffset = { field: "series", type: "nominal" as const, sort: options.seriesOrder, scale: { domain: options.seriesOrder } };
  const color = seriesColour("series", options.seriesOrder, { title: options.seriesTitle });
  return {
    ...specHead(options, { width: 600, height: 260 }),
    layer: effectLayers(values, { x, xOffset, yTitle: options.yTitle, color }),
    config: longLegendLabels(),
  } as unknown as TopLevelSpec & { layer: unknown[] };
}
