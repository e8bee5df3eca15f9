import { InputError } from "../../errors.js";
import { at } from "../../scalar/at.js";
import { checkOutputPath } from "../../io/checkOutputPath.js";
import { readTextFile } from "../../io/readTextFile.js";
import { writeFileAtomic } from "../../io/writeFileAtomic.js";
import { datasetIn } from "../../net/datasetIn.js";
import { readDataset } from "../../net/readDataset.js";
import type { Layer, LayeredNetwork } from "../../net/layeredNetwork.js";
import { loss } from "../../net/loss.js";
import { openNetworkFile } from "../../net/openNetworkFile.js";
import { parseLossKind } from "../../net/parseLossKind.js";
import { decimal } from "../../scalar/decimal.js";
import { floatFraction } from "../../scalar/floatFraction.js";
import { rowSummary, SUMMARY_ABOVE, type ValueStyle, valueStyle, valueText } from "../_internals/valueText.js";
import { exact, type Rational } from "../../scalar/exact.js";
import type { NetworkInspection } from "../../symmetry/inspectionSchema.js";
import { inspectNetwork } from "../../symmetry/inspectNetwork.js";
import { workEstimate } from "../../work/workEstimate.js";
import { enforceWorkCap } from "../enforceWorkCap.js";
import { floatInvariantsWithBar } from "../_internals/floatInvariantsWithBar.js";
import { printJson } from "../options.js";
import { hasChannelLayers } from "../_internals/channelLaws.js";
import { inspectChannels } from "../_internals/inspectChannels.js";

/** The options of `relutopo inspect`. */
export interface InspectCliOptions {
  net: string;
  data?: string;
  json?: boolean;
  plot?: string;
  maxSeconds?: string;
  loss?: string;
  digits?: string;
  exact?: boolean;
  all?: boolean;
}

/** Digits of the decimal arithmetic of a binary cross-entropy loss, which exact arithmetic cannot give (exp and log). */
const BCE_DIGITS = 40;

/** Seconds per data row × parameter of one exact forward pass at 50 digits (measured like gradientDescentWork). */
const SECONDS_PER_ROW_PARAMETER = 6e-6;

/** `relutopo inspect`: reads the network (and data), prints the report, draws the figure when asked. */
export async function inspectAction(opts: InspectCliOptions): Promise<void> {
  const style = valueStyle(opts);
  const lossKind = parseLossKind(opts.loss ?? "mse");
  // checked before any work, so a malformed cap is refused whatever the input
  enforceWorkCap({ seconds: 0, detail: "reading" }, opts.maxSeconds);
  const file = openNetworkFile(opts.net);
  if (hasChannelLayers(file.floats ?? file.net)) {
    inspectChannels(file, opts, style);
    return;
  }
  // the exact texts, made only when needed (a float file's are built on first use)
  const textLayers = (): readonly Layer<string>[] => {
    return file.net.layers;
  };
  // a float file's weights go straight from their bits to rationals, with no text in between, and
  // only when the data need them: c, the topology and the signs are read from the floats exactly
  const exactNet = (): LayeredNetwork<Rational> =>
    file.floats !== undefined
      ? {
          activation: file.floats.activation,
          layers: file.floats.layers.map(({ W, b }) => ({
            W: W.map((r) => Array.from(r, floatFraction)),
            b: b && Array.from(b, floatFraction),
          })),
        }
      : {
          activation: file.net.activation,
          layers: textLayers().map(({ W, b }) => ({ W: W.map((r) => r.map((v) => exact.parse(v))), b: b?.map((v) => exact.parse(v)) })),
        };
  let rational: LayeredNetwork<Rational> | undefined = file.floats === undefined ? exactNet() : undefined;
  let net: LayeredNetwork<Rational | number> = rational ?? file.floats ?? exactNet();
  const { layers } = net;
  if (opts.plot !== undefined) {
    if (!/\.(svg|html)$/i.test(opts.plot))
      throw new InputError({ field: "--plot", expected: "a file name ending in .svg or .html", value: opts.plot });
    checkOutputPath(opts.plot, "file");
  }
  let data: ReturnType<typeof datasetIn<Rational>> | undefined;
  if (opts.data !== undefined) {
    rational ??= exactNet();
    net = rational;
    const text = readDataset(readTextFile(opts.data), at(layers, 0).W[0]?.length ?? 0, at(layers, layers.length - 1).W.length, opts.data);
    // digits of the longest parameter and input (a loop: a spread of a million values overflows the stack)
    let digits = 1;
    let parameters = 0;
    for (const { W, b } of rational.layers)
      for (const row of [...W, b ?? []])
        for (const v of row) {
          parameters++;
          const d = v.n.toString().length + (v.d === 1n ? 0 : v.d.toString().length + 1);
          if (d > digits) digits = d;
        }
    for (const row of text.X) for (const v of row) if (v.length > digits) digits = v.length;
    enforceWorkCap(
      workEstimate(
        text.X.length * parameters * Math.max(1, (digits / 50) ** 2),
        SECONDS_PER_ROW_PARAMETER,
        `${text.X.length} rows × ${parameters} parameters at ${digits} digits`,
      ),
      opts.maxSeconds,
    );
    data = datasetIn(text, exact);
  }
  // the c of a float file: exact integer sums, with a bar on a terminal when the file is large
  const known = file.floats === undefined ? undefined : floatInvariantsWithBar(file.floats, "inspect");
  const report = inspectNetwork(net, data, known);
  if (report.data !== undefined && data !== undefined && lossKind === "bce") {
    // binary cross-entropy needs exp and log: computed in 40-digit decimals from the exact network and data
    const D = decimal(BCE_DIGITS);
    const dnet: LayeredNetwork<ReturnType<typeof D.parse>> = {
      activation: net.activation,
      layers: textLayers().map(({ W, b }) => ({ W: W.map((r) => r.map((v) => D.parse(v))), b: b?.map((v) => D.parse(v)) })),
    };
    report.data.loss = D.toString(
      loss(
        dnet,
        { X: data.X.map((r) => r.map((v) => D.parse(exact.toString(v)))), Y: data.Y.map((r) => r.map((v) => D.parse(exact.toString(v)))) },
        D,
        "bce",
      ),
    );
  }
  // inspectNetwork gives PyTorch's mse; the sum over outputs is exact too
  if (report.data !== undefined && data !== undefined && rational !== undefined && lossKind === "sse-mean")
    report.data.loss = exact.toString(loss(rational, data, exact, "sse-mean"));
  if (report.data !== undefined) report.data.lossKind = lossKind;
  if (opts.json) printJson({ ...report, activation: file.activation });
  else process.stdout.write(formatInspection(report, style, lossKind));
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
function formatInspection(r: NetworkInspection, style: ValueStyle, lossKind: string): string {
  const text = (v: string): string => valueText(exact.parse(v), style);
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
    const c = l.c.map((v) => exact.parse(v));
    lines.push(
      c.length > SUMMARY_ABOVE && !style.all
        ? `  c: ${rowSummary(c, style)} (--all prints every value)`
        : `  c = ${c.map((v) => valueText(v, style)).join(", ")}`,
    );
  }
  const t = r.topology;
  const shownLocked = style.all ? t.locked : t.locked.slice(0, SUMMARY_ABOVE);
  const locked =
    shownLocked.map((w) => `${w.weight} ${w.sign} (square >= ${text(w.margin)})`).join(", ") +
    (shownLocked.length < t.locked.length ? `, … (${t.locked.length} in all; --all prints every one)` : "");
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
    lines.push(`data: ${r.data.rows} rows, loss (${lossKind}) = ${text(r.data.loss)}`);
    if (r.data.dead.length === 0) lines.push("dead neurons: none");
    for (const d of r.data.dead)
      lines.push(`dead neuron ${d.layer},${d.neuron + 1}: gradient descent ${d.gd}, flow ${d.flow} (${d.reason})`);
  }
  return `${lines.join("\n")}\n`;
}
