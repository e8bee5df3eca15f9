import { type BatchNormLaws, batchNormLaws } from "../../invariants/batchNormLaws.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { mapNetwork } from "../../net/mapNetwork.js";
import type { NetworkFile } from "../../net/openNetworkFile.js";
import { at } from "../../scalar/at.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { floatFraction } from "../../scalar/floatFraction.js";
import { rowSummary, SUMMARY_ABOVE, type ValueStyle, valueText } from "./valueText.js";

/** True when a network has a convolution, a batch normalisation or a pooling: its units are channels or its laws more than c. */
export function hasChannelLayers(net: LayeredNetwork<unknown>): boolean {
  return net.layers.some((l) => l.conv !== undefined || l.norm !== undefined || l.pool !== undefined);
}

/** The names of each layer's tensors: the file's state_dict names, else those of the `{ layers }` form. */
export function tensorNames(file: NetworkFile): { weight: string; bias: string; norm: string | undefined; conv: boolean }[] {
  const layers = (file.floats ?? file.net).layers as LayeredNetwork<unknown>["layers"];
  return layers.map((l, i) => {
    const named = file.names?.[i];
    return {
      weight: named?.weight ?? `layers[${i}].W`,
      bias: named?.bias ?? `layers[${i}].b`,
      norm: l.norm === undefined ? undefined : (named?.norm ?? `layers[${i}].norm`),
      conv: l.conv !== undefined,
    };
  });
}

/** The batch normalisation laws of a file's network, exact (a float file's values taken as the binary fractions they are). */
export function fileBatchNormLaws(file: NetworkFile): BatchNormLaws<Rational>[] {
  if (file.floats !== undefined) {
    const { floats } = file;
    if (!floats.layers.some((l) => l.norm !== undefined)) return [];
    return batchNormLaws(mapNetwork(floats, floatFraction), exact);
  }
  if (!file.net.layers.some((l) => l.norm !== undefined)) return [];
  return batchNormLaws(
    mapNetwork(file.net, (v) => exact.parse(v)),
    exact,
  );
}

/** The batch normalisation laws as JSON: per layer the squared kernel norms and the biases, exact strings. */
export function batchNormJson(laws: readonly BatchNormLaws<Rational>[]): Record<string, unknown>[] {
  return laws.map((x) => ({
    layer: x.layer,
    kernelNormSquared: x.kernel.map(exact.toString),
    ...(x.bias === undefined ? {} : { bias: x.bias.map(exact.toString) }),
  }));
}

/** Text lines of the batch normalisation laws of one layer, indented, long rows summarised unless `--all`. */
export function batchNormLines(x: BatchNormLaws<Rational>, weight: string, bias: string, style: ValueStyle): string[] {
  const row = (values: readonly Rational[]): string =>
    values.length > SUMMARY_ABOVE && !style.all ? rowSummary(values, style) : values.map((v) => valueText(v, style)).join(", ");
  const lines = [
    `  ‖${weight}[j]‖² (scale invariance; conserved under flow only when ε = 0): ${row(x.kernel)}`,
  ];
  if (x.bias !== undefined) lines.push(`  ${bias}[j] (zero gradient before BatchNorm; conserved for any ε): ${row(x.bias)}`);
  return lines;
}

/** The unit of a layer in text: a channel of a convolution, a neuron otherwise. */
export function unitWord(layer: { conv?: unknown }): string {
  return layer.conv === undefined ? "neuron" : "channel";
}

/** The hidden layer's header line in text for a network with channels: what kind it is and what its c is. */
export function channelHeader(l: number, layers: LayeredNetwork<unknown>["layers"], names: ReturnType<typeof tensorNames>): string {
  const layer = at(layers, l);
  const name = at(names, l);
  const kind = layer.conv === undefined ? `linear \`${name.weight}\`` : `convolution \`${name.weight}\``;
  const norm = name.norm === undefined ? "" : `, BatchNorm \`${name.norm}\``;
  const incoming = layer.norm === undefined ? "‖W[j]‖² + b[j]²" : "γ_j² + β_j²";
  return `hidden layer ${l + 1} (${kind}${norm}, ${layer.W.length} ${unitWord(layer)}s): c per ${unitWord(layer)} j = ${incoming} − ‖readers of j in \`${at(names, l + 1).weight}\`‖²`;
}
