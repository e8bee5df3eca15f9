import type { BandFigureOptions } from "./bandFigureSpec.js";
import type { TopLevelSpec } from "vega-lite";
import { SERIES_COLOURS } from "./_internals/bandLayers.js";

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
  const x = {
    field: "xs",
    type: "quantitative" as const,
    title: options.xTitle,
    axis: { tickMinStep: 1, format: "d" },
    scale: { domain: [Math.min(0.5, ...xsAll.map((v) => v - 0.5)), Math.max(1.5, ...xsAll.map((v) => v + 0.5))], nice: false },
  };
  const color = {
    field: "series",
    type: "nominal" as const,
    title: options.seriesTitle,
    scale: { domain: options.seriesOrder, range: options.seriesOrder.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]!) },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: options.title, subtitle: options.subtitle ?? "" },
    width: 480,
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
          y: { field: "mean", type: "quantitative", title: options.yTitle },
          color: { ...color, legend: { orient: "bottom" } },
        },
      },
    ],
    config: { legend: { labelLimit: 320 } },
  } as unknown as TopLevelSpec & { layer: unknown[] };
}
