import type { TopLevelSpec } from "vega-lite";
import { SERIES_COLOURS } from "./_internals/bandLayers.js";

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
  const values = curves.flatMap((c) =>
    c.points.filter(([, v]) => v > 0).map(([t, loss], order) => ({ optimizer: c.optimizer, start: c.start, t, loss, order })),
  );
  const floor = options.floor;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: 480,
    height: 300,
    layer: [
      {
        data: { values },
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x: { field: "t", type: "quantitative", title: "epoch" },
          y: { field: "loss", type: "quantitative", title: "training loss (mean squared error)", scale: { type: "log" } },
          color: {
            field: "optimizer",
            type: "nominal",
            title: "optimiser",
            scale: {
              domain: options.optimizerOrder,
              range: options.optimizerOrder.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]!),
            },
            legend: { orient: "bottom", columns: 3 },
          },
          strokeDash: {
            field: "start",
            type: "nominal",
            title: "start",
            scale: {
              domain: options.startOrder,
              range: [
                [1, 0],
                [6, 3],
              ],
            },
            legend: { orient: "bottom", symbolStrokeWidth: 2.5, symbolSize: 300 },
          },
          detail: { field: "optimizer" },
          order: { field: "order" },
        },
      },
      ...(floor
        ? [
            {
              data: { values: [{ y: floor.value, label: floor.label }] },
              mark: { type: "rule" as const, color: "#2ca02c", strokeWidth: 1.2 },
              encoding: { y: { field: "y", type: "quantitative" as const } },
            },
            {
              data: { values: [{ y: floor.value, label: floor.label }] },
              mark: {
                type: "text" as const,
                align: "right" as const,
                dy: -7,
                x: "width" as const,
                color: "#2ca02c",
                fontWeight: "bold" as const,
              },
              encoding: { y: { field: "y", type: "quantitative" as const }, text: { field: "label" } },
            },
          ]
        : []),
    ],
  } as unknown as TopLevelSpec & { height: number };
}
