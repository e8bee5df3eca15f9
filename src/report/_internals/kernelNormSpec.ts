import type { TopLevelSpec } from "vega-lite";
import { longLegendLabels, quantitativeAxis, seriesColour, specHead } from "./specBlocks.js";

/** One channel of {@link kernelNormSpec}: ‖K_j‖² per step of the two runs and the balance level. */
export interface KernelNormCurve {
  label: string;
  plain: readonly number[];
  decayed: readonly number[];
  balance: number;
}

/**
 * ‖K_j‖² of batch-normalised channels against the step, one colour per channel: the run without weight decay
 * as a solid line, the run with decay as a dotted line, the balance level of growth and decay as a dashed rule.
 * A logarithmic axis, so that growth by a few percent and decay by a large factor both show.
 *
 * @param title - the figure's title
 * @param curves - one curve per channel, in legend order
 * @param every - plot every `every`-th step (and the last)
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @internal
 */
export function kernelNormSpec(title: string, curves: readonly KernelNormCurve[], every: number): TopLevelSpec {
  const order = curves.map((c) => c.label);
  const runs = ["without weight decay", "with weight decay"];
  // every `every`-th step and the last, so a long run stays a light figure
  const thin = (ks: readonly number[]): { t: number; k: number }[] =>
    ks.flatMap((k, t) => (t % every === 0 || t === ks.length - 1 ? [{ t, k }] : []));
  const values = curves.flatMap((c) => [
    ...thin(c.plain).map((p) => ({ channel: c.label, run: runs[0], ...p })),
    ...thin(c.decayed).map((p) => ({ channel: c.label, run: runs[1], ...p })),
  ]);
  const rules = curves.map((c) => ({ channel: c.label, balance: c.balance }));
  const colour = seriesColour("channel", order, { title: "channel" });
  const y = { ...quantitativeAxis("k", "‖K_j‖² (log scale)"), scale: { type: "log" } };
  return {
    ...specHead(title, { width: 480, height: 300 }),
    layer: [
      {
        data: { values },
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x: quantitativeAxis("t", "SGD step t"),
          y,
          color: colour,
          strokeDash: {
            field: "run",
            type: "nominal",
            title: "run",
            sort: runs,
            ...longLegendLabels(),
            scale: {
              domain: runs,
              range: [
                [1, 0],
                [2, 2],
              ],
            },
          },
          detail: { field: "run" },
        },
      },
      {
        data: { values: rules },
        mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 1 },
        encoding: { y: { field: "balance", type: "quantitative" }, color: colour },
      },
    ],
  } as unknown as TopLevelSpec;
}
