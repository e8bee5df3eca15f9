import type { TopLevelSpec } from "vega-lite";

/** One point of a band plot: the mean and its band at x, in one series. */
export interface BandPoint {
  series: string;
  x: number;
  mean: number;
  lo: number;
  hi: number;
}

/** Labels of a band plot. */
export interface BandFigureOptions {
  title: string;
  subtitle?: string;
  xTitle: string;
  yTitle: string;
  seriesTitle: string;
  /** Series in legend order (e.g. widths "l = 1" … ). */
  seriesOrder: string[];
  /** Ticks only at whole numbers on the x axis (for counts such as l₊). */
  integerX?: boolean;
}

/**
 * Mean lines with markers and a shaded band (e.g. ± one standard error), one colour per series.
 *
 * @param points - the mean and band of every series at every x
 * @param options - title, axis and legend labels, series order
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example bandFigureSpec([{ series: "l = 1", x: 0, mean: 1, lo: 0.9, hi: 1.1 }], { title: "T", xTitle: "x", yTitle: "y", seriesTitle: "s", seriesOrder: ["l = 1"] }).width // returns 480
 */
export function bandFigureSpec(points: readonly BandPoint[], options: BandFigureOptions): TopLevelSpec {
  const color = {
    field: "series",
    type: "nominal" as const,
    title: options.seriesTitle,
    sort: options.seriesOrder,
    scale: { scheme: "viridis" },
  };
  const x = {
    field: "x",
    type: "quantitative" as const,
    title: options.xTitle,
    axis: options.integerX ? { tickMinStep: 1, format: "d" } : {},
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: options.title, subtitle: options.subtitle ?? "" },
    width: 480,
    height: 320,
    data: { values: points.map((p) => ({ ...p })) },
    layer: [
      {
        mark: { type: "area", opacity: 0.18 },
        encoding: {
          x,
          y: { field: "lo", type: "quantitative", title: options.yTitle, scale: { zero: false } },
          y2: { field: "hi" },
          color,
        },
      },
      {
        mark: { type: "line", point: true, strokeWidth: 1.8 },
        encoding: { x, y: { field: "mean", type: "quantitative", title: options.yTitle }, color },
      },
    ],
  };
}
