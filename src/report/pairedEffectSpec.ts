import type { BandFigureOptions } from "./bandFigureSpec.js";
import type { TopLevelSpec } from "vega-lite";
import { effectLayers, longLegendLabels, quantitativeAxis, seriesColour, specHead } from "./_internals/specBlocks.js";

/** One paired effect drawn by {@link pairedEffectSpec}: its series, x, mean and standard error. */
export interface EffectPoint {
  series: string;
  x: number;
  mean: number;
  se: number;
}

/** Labels of {@link pairedEffectSpec}: those of a band plot, whose x axis is categorical here. */
export type PairedEffectOptions = Omit<BandFigureOptions, "integerX">;

/**
 * Paired effects per x as dots with ± one standard-error bars, one colour per
 * series, and a rule at zero (no effect), the series set slightly apart so
 * their bars do not overlap.
 *
 * @param points - every effect to draw
 * @param options - titles and series order
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example pairedEffectSpec([], { title: "T", xTitle: "x", yTitle: "y", seriesTitle: "s", seriesOrder: [] }).layer.length // returns 3
 */
export function pairedEffectSpec(points: readonly EffectPoint[], options: PairedEffectOptions): TopLevelSpec & { layer: unknown[] } {
  const n = options.seriesOrder.length;
  const values = points.map((p) => {
    const i = options.seriesOrder.indexOf(p.series);
    const xs = p.x + (n > 1 ? (i - (n - 1) / 2) * 0.18 : 0);
    return { ...p, xs, lo: p.mean - p.se, hi: p.mean + p.se };
  });
  const xsAll = values.map((v) => v.x);
  const x = quantitativeAxis("xs", options.xTitle, {
    axis: { tickMinStep: 1, format: "d" },
    scale: { domain: [Math.min(0.5, ...xsAll.map((v) => v - 0.5)), Math.max(1.5, ...xsAll.map((v) => v + 0.5))], nice: false },
  });
  const color = seriesColour("series", options.seriesOrder, { title: options.seriesTitle });
  return {
    ...specHead(options, { width: 480, height: 260 }),
    layer: effectLayers(values, { x, yTitle: options.yTitle, color }),
    config: longLegendLabels(),
  } as unknown as TopLevelSpec & { layer: unknown[] };
}
