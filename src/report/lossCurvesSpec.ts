import type { TopLevelSpec } from "vega-lite";

/** One loss curve: a run's label, its start and method, and (time, loss) points. */
export interface LossCurve {
  start: string;
  method: string;
  points: readonly (readonly [number, number])[];
}

/**
 * Loss against training time on a log scale, one colour per start and one
 * style per method (gradient descent at time step·η, thick and pale, under the
 * gradient flow, thin and dashed); the floor, if given, is a solid green rule.
 * Points with a loss ≤ 0 are left out: the log scale cannot show them.
 *
 * @param title - the figure's title
 * @param curves - one (time, loss) curve per start and method
 * @param floor - a horizontal reference rule with its label, if any
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example lossCurvesSpec("T", []).height // returns 300
 */
export function lossCurvesSpec(title: string, curves: readonly LossCurve[], floor?: { value: number; label: string }): TopLevelSpec {
  const values = curves.flatMap((c) =>
    c.points.filter(([, v]) => v > 0).map(([t, loss], order) => ({ start: c.start, method: c.method, t, loss, order })),
  );
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: 480,
    height: 300,
    layer: [
      {
        data: { values },
        mark: { type: "line" },
        encoding: {
          x: { field: "t", type: "quantitative", title: "training time t (gradient descent: step × η)" },
          y: { field: "loss", type: "quantitative", title: "training loss (mean squared error)", scale: { type: "log" } },
          color: {
            field: "start",
            type: "nominal",
            title: "start",
            scale: { domain: ["obstructed", "good"], range: ["#d62728", "#1f77b4"] },
          },
          // gradient descent thick and pale underneath, the flow thin and dashed on top: both show where they coincide
          strokeDash: {
            field: "method",
            type: "nominal",
            title: "method",
            scale: {
              domain: ["gradient descent", "gradient flow"],
              range: [
                [1, 0],
                [6, 3],
              ],
            },
            legend: { symbolStrokeWidth: 2.5, symbolSize: 300 },
          },
          strokeWidth: {
            field: "method",
            type: "ordinal",
            sort: ["gradient descent", "gradient flow"],
            title: "method",
            scale: { domain: ["gradient descent", "gradient flow"], range: [5, 1.6] },
          },
          opacity: {
            field: "method",
            type: "ordinal",
            sort: ["gradient descent", "gradient flow"],
            title: "method",
            scale: { domain: ["gradient descent", "gradient flow"], range: [0.45, 1] },
          },
          detail: { field: "method" },
          order: { field: "order" },
        },
      },
      ...(floor
        ? [
            {
              data: { values: [{ y: floor.value, label: floor.label }] },
              // a reference, not a run: solid, grey and thin, unlike either method's line
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
  };
}
