import type { TopLevelSpec } from "vega-lite";
import { logLossPoints, lossFigure, seriesColour, solidThenDashed } from "./_internals/specBlocks.js";

/** One training curve of {@link optimizerCurvesSpec}: the optimiser, the start and (epoch, loss) points. */
export interface OptimizerCurve {
  optimizer: string;
  start: string;
  points: readonly (readonly [number, number])[];
}

/**
 * Training loss against epochs on a log scale, one colour per optimiser and
 * one line style per start (the first start solid, the second dashed), with
 * an optional labelled floor. Points with a loss ≤ 0 are left out (log scale).
 *
 * @param title - the figure's title
 * @param curves - one curve per (optimiser, start)
 * @param options - optimisers and starts in legend order, the floor if any
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example optimizerCurvesSpec("T", [], { optimizerOrder: [], startOrder: ["a", "b"] }).height // returns 300
 */
export function optimizerCurvesSpec(
  title: string,
  curves: readonly OptimizerCurve[],
  options: { optimizerOrder: string[]; startOrder: [string, string]; floor?: { value: number; label: string } },
): TopLevelSpec & { height: number } {
  const values = curves.flatMap((c) => logLossPoints(c.points).map((p) => ({ optimizer: c.optimizer, start: c.start, ...p })));
  return lossFigure(
    title,
    values,
    {
      mark: { type: "line", strokeWidth: 2 },
      xTitle: "epoch",
      channels: {
        color: seriesColour("optimizer", options.optimizerOrder, { title: "optimiser", legend: { orient: "bottom", columns: 3 } }),
        strokeDash: {
          field: "start",
          type: "nominal",
          title: "start",
          scale: { domain: options.startOrder, range: solidThenDashed() },
          legend: { orient: "bottom", symbolStrokeWidth: 2.5, symbolSize: 300 },
        },
        detail: { field: "optimizer" },
        order: { field: "order" },
      },
    },
    options.floor,
  ) as unknown as TopLevelSpec & { height: number };
}
