import type { TopLevelSpec } from "vega-lite";
import { quantitativeAxis, specHead, zeroRuleLayer } from "./_internals/specBlocks.js";
import type { NetworkInspection } from "../symmetry/inspectionSchema.js";

/** The kinds a neuron is coloured by, in legend order. */
const KINDS = [
  "pathological (locks its outgoing weight)",
  "positive-split (locks its incoming weight)",
  "c < 0",
  "c = 0",
  "c > 0",
] as const;

/** A rational's text ("-3/4") as the nearest double, for drawing only. */
function approximate(text: string): number {
  const [n, d] = text.split("/");
  const num = Number(BigInt(n!));
  return d === undefined ? num : num / Number(BigInt(d));
}

/**
 * The invariants c_{l,k} of a network, one column of points per hidden layer (neurons side by
 * side within it), coloured by kind, with the line c = 0: pathological neurons (c < 0 with one
 * outgoing weight) and positive-split ones are the ones that split H(c). The exact values are in
 * the tooltips; positions are doubles, drawn on a symmetric log scale so that small and large c
 * both show.
 *
 * @param report - the report of `inspectNetwork`
 * @param title - the figure's title
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example layerInvariantsSpec(inspectNetwork({ activation: { kind: "relu" }, layers: [{ W: [[exact.parse("1")]] }, { W: [[exact.parse("2")]] }] }), "c").width // returns 480
 */
export function layerInvariantsSpec(report: NetworkInspection, title: string): TopLevelSpec {
  const values = report.layers.flatMap((layer) =>
    layer.c.map((c, k) => ({
      layer: `hidden layer ${layer.layer}`,
      neuron: k + 1,
      c: approximate(c),
      exact: c,
      kind: layer.pathological.includes(k)
        ? KINDS[0]
        : layer.positiveSplit.includes(k)
          ? KINDS[1]
          : c.startsWith("-")
            ? KINDS[2]
            : c === "0"
              ? KINDS[3]
              : KINDS[4],
    })),
  );
  return {
    ...specHead(title, { width: 480, height: 300 }),
    background: "white",
    layer: [
      zeroRuleLayer(),
      {
        data: { values },
        mark: { type: "point", filled: true, size: 70 },
        encoding: {
          x: { field: "layer", type: "nominal", title: null, sort: null, axis: { labelAngle: 0 } },
          xOffset: { field: "neuron", type: "nominal" },
          y: quantitativeAxis("c", "c = ‖incoming‖² − ‖outgoing‖²", { scale: { type: "symlog" as const } }),
          color: {
            field: "kind",
            type: "nominal",
            title: "neuron",
            legend: { labelLimit: 320 },
            scale: { domain: [...KINDS], range: ["#d62728", "#9467bd", "#ff9896", "#7f7f7f", "#1f77b4"] },
          },
          tooltip: [
            { field: "layer", type: "nominal" },
            { field: "neuron", type: "quantitative" },
            { field: "exact", type: "nominal", title: "c (exact)" },
          ],
        },
      },
    ],
  };
}
