import type { TopLevelSpec } from "vega-lite";
import { logLossPoints, lossFigure, solidThenDashed } from "./_internals/specBlocks.js";

/** The two methods, in legend order: gradient descent drawn under the flow. */
const METHODS = ["gradient descent", "gradient flow"];

/** A channel that tells the methods apart by an ordered property (width, opacity). */
function byMethod(range: number[]): Record<string, unknown> {
  return { field: "method", type: "ordinal", sort: METHODS, title: "method", scale: { domain: METHODS, range } };
}

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
  const values = curves.flatMap((c) => logLossPoints(c.points).map((p) => ({ start: c.start, method: c.method, ...p })));
  return lossFigure(
    title,
    values,
    {
      mark: { type: "line" },
      xTitle: "training time t (gradient descent: step × η)",
      channels: {
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
          scale: { domain: METHODS, range: solidThenDashed() },
          legend: { symbolStrokeWidth: 2.5, symbolSize: 300 },
        },
        strokeWidth: byMethod([5, 1.6]),
        opacity: byMethod([0.45, 1]),
        detail: { field: "method" },
        order: { field: "order" },
      },
    },
    floor,
  ) as unknown as TopLevelSpec;
}
