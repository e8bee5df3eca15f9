import type { TopLevelSpec } from "vega-lite";
import { specHead, zeroRuleLayer } from "./_internals/specBlocks.js";

/** One point of a tracked run: c of one neuron at one checkpoint. */
export interface TrackPoint {
  readonly step: number;
  /** `l,k`: hidden layer and neuron, from 1. */
  readonly neuron: string;
  /** c as a number, for drawing only (the exact value is in the JSON output). */
  readonly c: number;
}

/**
 * The figure of `relutopo track --plot`: c of every neuron against the training step, one line per
 * neuron, over a dashed c = 0, in the report's style.
 *
 * @param points - c per neuron and step
 * @param title - the figure's title
 * @returns the Vega-Lite specification
 * @example trackSpec([{ step: 0, neuron: "1,1", c: 1 }], "c per neuron").layer?.length // returns 2
 */
export function trackSpec(points: readonly TrackPoint[], title: string): TopLevelSpec & { layer: unknown[] } {
  return {
    ...specHead(title, { width: 480, height: 300 }),
    background: "white",
    layer: [
      zeroRuleLayer(),
      {
        data: { values: points.map((p) => ({ ...p })) },
        mark: { type: "line", point: true },
        encoding: {
          x: { field: "step", type: "quantitative", title: "step" },
          y: { field: "c", type: "quantitative", title: "c (conserved under gradient flow)" },
          color: { field: "neuron", type: "nominal", title: "neuron l,k", legend: { columns: 2 } },
        },
      },
    ],
  } as TopLevelSpec & { layer: unknown[] };
}
