import type { TopLevelSpec } from "vega-lite";
import { quantitativeAxis, specHead } from "./_internals/specBlocks.js";

/** One estimate with its interval: a label, the value and the interval's ends. */
export interface IntervalPoint {
  label: string;
  value: number;
  lo: number;
  hi: number;
}

/**
 * Estimates side by side, one row each: a point at the value and a bar over
 * its interval (e.g. an observed fraction with its Wilson interval beside the
 * predicted probability).
 *
 * @param title - the figure's title
 * @param points - the estimates, top to bottom
 * @param axis - the value axis's title
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example intervalPointsSpec("T", [{ label: "a", value: 0.5, lo: 0.4, hi: 0.6 }], "p").width // returns 420
 */
export function intervalPointsSpec(title: string, points: readonly IntervalPoint[], axis: string): TopLevelSpec {
  const order = points.map((p) => p.label);
  // labels whole: the default limit (180 px) cut "two-layer formula, d_in = 9, l = 2" to "two-layer formula, d_…"
  const y = { field: "label", type: "nominal" as const, title: null, sort: order, axis: { labelLimit: 400 } };
  return {
    ...specHead(title, { width: 420, height: 40 * Math.max(1, points.length) }),
    data: { values: points.map((p) => ({ ...p })) },
    layer: [
      {
        mark: { type: "rule", strokeWidth: 2, color: "#1f77b4" },
        encoding: { y, x: quantitativeAxis("lo", axis), x2: { field: "hi" } },
      },
      {
        mark: { type: "point", filled: true, size: 80, color: "#1f77b4" },
        encoding: { y, x: quantitativeAxis("value", axis) },
      },
    ],
  };
}
