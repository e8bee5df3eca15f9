import type { TopLevelSpec } from "vega-lite";
import { bandLayers } from "./_internals/bandLayers.js";
import { specHead } from "./_internals/specBlocks.js";
import type { BandPoint } from "./bandFigureSpec.js";

/** Labels of {@link sideBySideBandSpec}. */
export interface SideBySideBandOptions {
  title: string;
  subtitle?: string;
  /** x-axis titles of the left and the right panel. */
  leftXTitle: string;
  rightXTitle: string;
  yTitle: string;
  seriesTitle: string;
  /** Series in legend order; at most ten keep distinct colours. */
  seriesOrder: string[];
}

/**
 * Two band plots side by side with one y axis scale and one legend: the same
 * means against two different x (e.g. test loss against l₊ and against l₊/l),
 * so which x lines the series up can be read at a glance.
 *
 * @param left - the points of the left panel (whole-number x)
 * @param right - the points of the right panel
 * @param options - titles, legend and series order
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example sideBySideBandSpec([], [], { title: "T", leftXTitle: "a", rightXTitle: "b", yTitle: "y", seriesTitle: "s", seriesOrder: [] }).hconcat.length // returns 2
 */
export function sideBySideBandSpec(
  left: readonly BandPoint[],
  right: readonly BandPoint[],
  options: SideBySideBandOptions,
): TopLevelSpec & { hconcat: unknown[] } {
  const common = { yTitle: options.yTitle, seriesTitle: options.seriesTitle, seriesOrder: options.seriesOrder };
  return {
    ...specHead(options),
    hconcat: [
      {
        width: 300,
        height: 260,
        data: { values: left.map((p) => ({ ...p })) },
        layer: bandLayers({ ...common, xTitle: options.leftXTitle, integerX: true }),
      },
      {
        width: 300,
        height: 260,
        data: { values: right.map((p) => ({ ...p })) },
        layer: bandLayers({ ...common, xTitle: options.rightXTitle, xDomain: [0, 1] }),
      },
    ],
    resolve: { scale: { y: "shared", color: "shared" } },
    config: { legend: { orient: "bottom", columns: 6, labelLimit: 200 } },
  } as unknown as TopLevelSpec & { hconcat: unknown[] };
}
