import type { TopLevelSpec } from "vega-lite";
import { bandLayers } from "./_internals/bandLayers.js";
import { specHead } from "./_internals/specBlocks.js";

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
  /** Series in legend order (e.g. widths "l = 1" … ); at most ten keep distinct colours. */
  seriesOrder: string[];
  /** Ticks only at whole numbers on the x axis (for counts such as l₊). */
  integerX?: boolean;
}

/**
 * Mean lines with markers and a pale band (e.g. ± one standard error), one
 * colour per series; the legend shows the line colours, not the band's.
 *
 * @param points - the mean and band of every series at every x
 * @param options - title, axis and legend labels, series order
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example bandFigureSpec([{ series: "l = 1", x: 0, mean: 1, lo: 0.9, hi: 1.1 }], { title: "T", xTitle: "x", yTitle: "y", seriesTitle: "s", seriesOrder: ["l = 1"] }).width // returns 480
 */
export function bandFigureSpec(points: readonly BandPoint[], options: BandFigureOptions): TopLevelSpec & { width: number } {
  return {
    ...specHead(options, { width: 480, height: 320 }),
    data: { values: points.map((p) => ({ ...p })) },
    layer: bandLayers(options),
  } as unknown as TopLevelSpec & { width: number };
}
