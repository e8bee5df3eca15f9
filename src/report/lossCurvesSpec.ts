import type { TopLevelSpec } from "vega-lite";

/** One loss curve: a run's label, its start and method, and (time, loss) points. */
export interface LossCurve {
  start: string;
  method: string;
  points: readonly (readonly [number, number])[];
}

/**
 * Loss against training time on a log scale, one colour per start and one
 * dash per method (gradient descent at time step·η, or the gradient flow).
 * Points with a loss ≤ 0 are left out: the log scale cannot show them.
 *
 * @param title - the figure's title
 * @param curves - one (time, loss) curve per start and method
 * @param floor - a dashed horizontal rule with its label, if any
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
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x: { field: "t", type: "quantitative", title: "training time t (gradient descent: step × η)" },
          y: { field: "loss", type: "quantitative", title: "training loss (mean squared error)", scale: { type: "log" } },
          color: {
            field: "start",
            type: "nominal",
            title: "start",
            scale: { domain: ["obstructed", "good"], range: ["#d62728", "#1f77b4"] },
          },
          strokeDash: { field: "method", type: "nominal", title: "method" },
          detail: { field: "method" },
          order: { field: "order" },
        },
      },
      ...(floor
        ? [
            {
              data: { values: [{ y: floor.value, label: floor.label }] },
              mark: { type: "rule" as const, color: "#555", strokeDash: [2, 2] },
              encoding: { y: { field: "y", type: "quantitative" as const } },
            },
            {
              data: { values: [{ y: floor.value, label: floor.label }] },
              mark: { type: "text" as const, align: "right" as const, dy: -7, x: "width" as const, color: "#555" },
              encoding: { y: { field: "y", type: "quantitative" as const }, text: { field: "label" } },
            },
          ]
        : []),
    ],
  };
}
