import { floatInvariantsWithBar } from "../_internals/floatInvariantsWithBar.js";
import { at } from "../../scalar/at.js";
import { layerInvariants } from "../../invariants/layerInvariants.js";
import { linearLayerInvariants } from "../../invariants/linearLayerInvariants.js";
import { networkIn } from "../../net/networkIn.js";
import { type NetworkFile, openNetworkFile } from "../../net/openNetworkFile.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { rowSummary, SUMMARY_ABOVE, type ValueStyle, valueStyle, valueText } from "../_internals/valueText.js";
import { printJson } from "../options.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import {
  batchNormJson,
  batchNormLines,
  channelHeader,
  fileBatchNormLaws,
  fileLayerNormLaws,
  layerNormJson,
  layerNormLines,
  hasChannelLayers,
  tensorNames,
  unitWord,
} from "../_internals/channelLaws.js";

/** The options of `relutopo invariants`. */
export interface InvariantsCliOptions {
  net: string;
  json?: boolean;
  digits?: string;
  exact?: boolean;
  all?: boolean;
}

/**
 * `relutopo invariants`: reads the network, prints its exact c_k (and the matrix of a linear net).
 * Text prints decimals (or the fractions with `--exact`) and summarises long rows; JSON keeps the
 * exact fractions. A float file takes the fast exact path (no rational per weight). A unit of a
 * convolution is a channel; a batch-normalised layer also shows its kernels' squared norms and its biases, a layer-normalised one its whole-layer squared norm, bias sum and column sums.
 */
export async function invariantsAction(opts: InvariantsCliOptions): Promise<void> {
  const style = valueStyle(opts);
  const file = openNetworkFile(opts.net);
  const { rows, matrices, twoLayer } = invariantsOf(file);
  const layers = (file.floats ?? file.net).layers as LayeredNetwork<unknown>["layers"];
  const channels = hasChannelLayers({ activation: (file.floats ?? file.net).activation, layers });
  const norms = channels ? fileBatchNormLaws(file) : [];
  const layerNorms = channels ? fileLayerNormLaws(file) : [];
  if (opts.json) {
    const json: Record<string, unknown> = { invariants: rows.flat().map(exact.toString) };
    if (!twoLayer)
      json.layers = rows.map((r, i) => ({
        layer: i + 1,
        invariants: r.map(exact.toString),
        ...(channels ? { unit: unitWord(at(layers, i)) } : {}),
      }));
    if (norms.length > 0) json.batchNorm = batchNormJson(norms);
    if (layerNorms.length > 0) json.layerNorm = layerNormJson(layerNorms);
    if (matrices)
      if (twoLayer) json.matrix = at(matrices, 0).map((r) => r.map(exact.toString));
      else json.matrices = matrices.map((Q, i) => ({ layer: i + 1, matrix: Q.map((r) => r.map(exact.toString)) }));
    json.activation = file.activation;
    printJson(json);
    return;
  }
  const lines: string[] = [];
  const name = (i: number, k: number): string => (twoLayer ? `c${k + 1}` : `c${i + 1},${k + 1}`);
  const names = channels ? tensorNames(file) : [];
  for (const [i, row] of rows.entries()) {
    if (channels) lines.push(channelHeader(i, layers, names));
    if (row.length > SUMMARY_ABOVE && !style.all) lines.push(layerSummary(row, i, twoLayer, widthAfter(file, i), style));
    else for (const [k, v] of row.entries()) lines.push(`${name(i, k)} = ${valueText(v, style)}`);
    const norm = norms.find((x) => x.layer === i + 1);
    if (norm !== undefined) lines.push(...batchNormLines(norm, at(names, i).weight, at(names, i).bias, style));
    const ln = layerNorms.find((x) => x.layer === i + 1);
    if (ln !== undefined) lines.push(...layerNormLines(ln, at(names, i).weight, at(layers, i).b && at(names, i).bias, style));
  }
  for (const [i, Q] of (matrices ?? []).entries()) {
    lines.push(twoLayer ? "W1 W1^T - W2^T W2 =" : `W~${i + 1} W~${i + 1}^T - W${i + 2}^T W${i + 2} =`);
    for (const row of Q) lines.push(`  [${row.map((v) => valueText(v, style)).join(", ")}]`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** The rows c_{l,k} and, for a linear net, the matrices; the fast exact path for float files. */
function invariantsOf(file: NetworkFile): { rows: Rational[][]; matrices?: Rational[][][]; twoLayer: boolean } {
  if (file.floats !== undefined && file.floats.activation.kind !== "linear") {
    return {
      rows: floatInvariantsWithBar(file.floats, "invariants"),
      twoLayer: file.floats.layers.length === 2 && !hasChannelLayers(file.floats),
    };
  }
  const net = networkIn(file.net, exact);
  const twoLayer = net.layers.length === 2 && !hasChannelLayers(net);
  const rows = layerInvariants(net, exact);
  // the matrix invariant of a linear net pairs units column by column: fully connected layers only
  return net.activation.kind === "linear" && !hasChannelLayers(net)
    ? { rows, matrices: linearLayerInvariants(net, exact), twoLayer }
    : { rows, twoLayer };
}

/** The width of the layer after hidden layer i + 1 (its neurons' fan-out e). */
function widthAfter(file: NetworkFile, i: number): number {
  const layers: readonly { readonly W: readonly unknown[] }[] = (file.floats ?? file.net).layers;
  return at(layers, i + 1).W.length;
}

/** One hidden layer too long to print: counts per sign, min and max, and the pathological neurons (c < 0 with one output). */
function layerSummary(row: readonly Rational[], i: number, twoLayer: boolean, e: number, style: ValueStyle): string {
  const label = twoLayer ? "c" : `c${i + 1},k`;
  const negative = row.flatMap((v, k) => (v.s < 0n && v.n !== 0n ? [k + 1] : []));
  const shown = negative.slice(0, 20).join(", ") + (negative.length > 20 ? `, … (${negative.length})` : "");
  const pathological = e === 1 ? `; pathological (c < 0, one output): ${negative.length === 0 ? "none" : `[${shown}]`}` : "";
  return `${label}: ${rowSummary(row, style)}${pathological} (--all prints every value)`;
}
