import { InputError } from "../../errors.js";
import { checkOutputPath } from "../../io/checkOutputPath.js";
import { readTextFile } from "../../io/readTextFile.js";
import { writeFileAtomic } from "../../io/writeFileAtomic.js";
import { datasetIn } from "../../net/datasetIn.js";
import { readDataset } from "../../net/readDataset.js";
import { isLayered } from "../../net/isLayered.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { readAnyNetworkFile } from "../../net/readAnyNetworkFile.js";
import { exact, type Rational } from "../../scalar/exact.js";
import type { NetworkInspection } from "../../symmetry/inspectionSchema.js";
import { inspectNetwork } from "../../symmetry/inspectNetwork.js";
import { workEstimate } from "../../work/workEstimate.js";
import { enforceWorkCap } from "../enforceWorkCap.js";
import { printJson } from "../options.js";

/** The options of `relutopo inspect`. */
export interface InspectCliOptions {
  net: string;
  data?: string;
  json?: boolean;
  plot?: string;
  maxSeconds?: string;
}

/** Seconds per data row × parameter of one exact forward pass at 50 digits (measured like gradientDescentWork). */
const SECONDS_PER_ROW_PARAMETER = 6e-6;

/** `relutopo inspect`: reads the network (and data), prints the report, draws the figure when asked. */
export async function inspectAction(opts: InspectCliOptions): Promise<void> {
  const spec = readAnyNetworkFile(opts.net);
  const layers = isLayered(spec)
    ? spec.layers
    : [
        { W: spec.W1, b: spec.b1 },
        { W: spec.W2, b: spec.b2 },
      ];
  const net: LayeredNetwork<Rational> = {
    activation: spec.activation,
    layers: layers.map(({ W, b }) => ({ W: W.map((r) => r.map((v) => exact.parse(v))), b: b?.map((v) => exact.parse(v)) })),
  };
  if (opts.plot !== undefined) {
    if (!/\.(svg|html)$/i.test(opts.plot))
      throw new InputError(`invalid --plot. Must be a file name ending in .svg or .html. Value: \`${opts.plot}\`.`);
    checkOutputPath(opts.plot, "file");
  }
  let data: ReturnType<typeof datasetIn<Rational>> | undefined;
  if (opts.data !== undefined) {
    const text = readDataset(readTextFile(opts.data), layers[0]!.W[0]?.length ?? 0, layers[layers.length - 1]!.W.length, opts.data);
    const values = layers.flatMap(({ W, b }) => [...W.flat(), ...(b ?? [])]);
    // A loop, not Math.max(...): spreading 10^5 values as arguments overflows the call stack.
    const digits = [values, ...text.X].reduce((m, row) => row.reduce((r, v) => Math.max(r, v.length), m), 1);
    enforceWorkCap(
      workEstimate(
        text.X.length * values.length * Math.max(1, (digits / 50) ** 2),
        SECONDS_PER_ROW_PARAMETER,
        `${text.X.length} rows × ${values.length} parameters at ${digits} digits`,
      ),
      opts.maxSeconds,
    );
    data = datasetIn(text, exact);
  }
  const report = inspectNetwork(net, data);
  if (opts.json) printJson(report);
  else process.stdout.write(formatInspection(report));
  if (opts.plot !== undefined) {
    const { layerInvariantsSpec } = await import("../../report/layerInvariantsSpec.js");
    const { renderVegaLite } = await import("../../report/renderVegaLite.js");
    const title = `c per hidden layer: ${report.topology.components} component(s) of H(c)`;
    const svg = await renderVegaLite(layerInvariantsSpec(report, title));
    writeFileAtomic(
      opts.plot,
      opts.plot.toLowerCase().endsWith(".html")
        ? `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n${svg}\n</body>\n</html>\n`
        : svg,
    );
  }
}

/** The text form: one line per fact, one line per hidden layer's invariants. */
function formatInspection(r: NetworkInspection): string {
  const lines: string[] = [];
  const a = r.architecture;
  const biased = a.biases.flatMap((b, i) => (b ? [i + 1] : []));
  lines.push(
    `network: ${a.widths.join(" -> ")}, ${a.activation}, ${biased.length === 0 ? "no biases" : `biases in layer(s) ${biased.join(", ")}`}, ${a.parameters} parameters`,
  );
  for (const l of r.layers) {
    const split = [
      l.pathological.length > 0 ? `pathological [${l.pathological.map((k) => k + 1).join(", ")}]` : "",
      l.positiveSplit.length > 0 ? `positive-split [${l.positiveSplit.map((k) => k + 1).join(", ")}]` : "",
    ].filter((s) => s !== "");
    lines.push(
      `hidden layer ${l.layer} (d_in = ${l.dIn}, e = ${l.e}): ${l.negative} with c < 0, ${l.zero} with c = 0, ${l.positive} with c > 0${split.length > 0 ? `; ${split.join(", ")}` : ""}`,
    );
    lines.push(`  c = ${l.c.join(", ")}`);
  }
  const t = r.topology;
  const locked = t.locked.map((w) => `${w.weight} ${w.sign} (square >= ${w.margin})`).join(", ");
  lines.push(`locked weights: ${t.locked.length === 0 ? "none" : locked}`);
  lines.push(
    `components of H(c): ${t.components}${t.exact ? " (exact)" : ""}; single-neuron rule: k = ${t.signLocked}, at least ${t.lowerBound}`,
  );
  lines.push(
    `this network lies in component ${t.component === "" ? "(the only one)" : t.component}${t.componentOf !== undefined && t.componentOf !== t.component ? ` (components --net names it ${t.componentOf})` : ""}`,
  );
  if (r.outputSigns) {
    const o = r.outputSigns;
    lines.push(
      `output-weight signs: ${o.pattern} (+/- locked, ? free): ${o.notExcluded} sign pattern(s) not excluded, ${o.excluded} excluded (topological verdict)`,
    );
    if (o.gdFrozen !== undefined && o.flowFrozen !== undefined)
      lines.push(
        `frozen by dead or zero neurons: gradient descent [${o.gdFrozen.map((k) => k + 1).join(", ")}], gradient flow [${o.flowFrozen.map((k) => k + 1).join(", ")}]`,
      );
    if (o.flowSignLocked !== undefined)
      lines.push(
        `sign kept along the gradient flow by balanced neurons (c_k = 0, docs/theory.md §4.3): [${o.flowSignLocked.map((k) => k + 1).join(", ")}]; gradient descent can cross 0`,
      );
  }
  if (r.data) {
    lines.push(`data: ${r.data.rows} rows, loss (mse) = ${r.data.loss}`);
    if (r.data.dead.length === 0) lines.push("dead neurons: none");
    for (const d of r.data.dead)
      lines.push(`dead neuron ${d.layer},${d.neuron + 1}: gradient descent ${d.gd}, flow ${d.flow} (${d.reason})`);
  }
  return `${lines.join("\n")}\n`;
}
