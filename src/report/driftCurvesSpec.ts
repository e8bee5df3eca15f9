import type { TopLevelSpec } from "vega-lite";
import { quantitativeAxis, seriesColour, specHead } from "./_internals/specBlocks.js";

/** One series of {@link driftCurvesSpec}: its label and (step, observed, predicted) points. */
export interface DriftCurve {
  label: string;
  points: readonly { t: number; observed: number; predicted: number }[];
}

/**
 * The drift of conserved quantities under gradient descent against its prediction, one colour per series
 * (e.g. per channel): the observed drift c(θ_t) − c(θ_0) as a line, the predicted drift summed over the
 * steps as open circles on it, so a circle off its line is a step where the identity failed.
 *
 * @param title - the figure's title
 * @param curves - one curve per series, in legend order
 * @param titles - the step axis's title and the legend's
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example driftCurvesSpec("T", [{ label: "channel 1", points: [{ t: 0, observed: 0, predicted: 0 }] }], { x: "step", series: "channel" }).width // returns 480
 */
export function driftCurvesSpec(title: string, curves: readonly DriftCurve[], titles: { x: string; series: string }): TopLevelSpec {
  const order = curves.map((c) => c.label);
  const values = curves.flatMap((c) => c.points.map((p, i) => ({ series: c.label, order: i, ...p })));
  const colour = seriesColour("series", order, { title: titles.series });
  const x = quantitativeAxis("t", titles.x);
  return {
    ...specHead(title, { width: 480, height: 300 }),
    data: { values },
    layer: [
      {
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x,
          y: quantitativeAxis("observed", "drift c(θ_t) − c(θ_0): line observed, circles predicted"),
          color: colour,
          order: { field: "order" },
        },
      },
      {
        mark: { type: "point", filled: false, size: 30 },
        encoding: { x, y: { field: "predicted", type: "quantitative" }, color: colour },
      },
    ],
  } as unknown as TopLevelSpec;
}
