import { type BatchNormLaws, batchNormLaws } from "../../invariants/batchNormLaws.js";
import { type LayerNormLaws, layerNormLaws } from "../../invariants/layerNormLaws.js";
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

/**
 * A file's network in exact rationals: a float file's values as the binary fractions they are, its
 * BatchNorm ε the exact text it was read with (the float form holds only the nearest double).
 */
export function exactNetworkOf(file: NetworkFile): LayeredNetwork<Rational> {
  if (file.floats === undefined) return mapNetwork(file.net, (v) => exact.parse(v));
  const net = mapNetwork(file.floats, floatFraction);
  const eps = file.bnEps === undefined ? undefined : exact.parse(file.bnEps);
  if (eps === undefined) return net;
  return { ...net, layers: net.layers.map((l) => (l.norm === undefined ? l : { ...l, norm: { ...l.norm, eps } })) };
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

/**
 * Text lines of the batch normalisation laws of one layer, indented, long rows summarised unless
 * `--all`; with `drift`, the lines of their drift from a first checkpoint.
 */
export function batchNormLines(x: BatchNormLaws<Rational>, weight: string, bias: string, style: ValueStyle, drift = false): string[] {
  const row = (values: readonly Rational[]): string =>
    values.length > SUMMARY_ABOVE && !style.all ? rowSummary(values, style) : values.map((v) => valueText(v, style)).join(", ");
  const lead = drift ? "drift of " : "";
  const lines = [`  ${lead}‖${weight}[j]‖² (scale invariance; conserved under flow only when ε = 0): ${row(x.kernel)}`];
  if (x.bias !== undefined) lines.push(`  ${lead}${bias}[j] (zero gradient before BatchNorm; conserved for any ε): ${row(x.bias)}`);
  return lines;
}

/** The LayerNorm laws of a file's network, exact (a float file's values taken as the binary fractions they are). */
export function fileLayerNormLaws(file: NetworkFile): LayerNormLaws<Rational>[] {
  const layers: LayeredNetwork<unknown>["layers"] = (file.floats ?? file.net).layers;
  return layers.some((l) => l.norm?.kind === "layer") ? layerNormLaws(exactNetworkOf(file), exact) : [];
}

/** The LayerNorm laws as JSON: per layer the whole-layer squared norm, the bias sum and the column sums, exact strings. */
export function layerNormJson(laws: readonly LayerNormLaws<Rational>[]): Record<string, unknown>[] {
  return laws.map((x) => ({
    layer: x.layer,
    normSquared: exact.toString(x.scale),
    ...(x.biasSum === undefined ? {} : { biasSum: exact.toString(x.biasSum) }),
    columnSums: x.columnSums.map(exact.toString),
  }));
}

/**
 * Text lines of the LayerNorm laws of one layer, indented, a long row of column sums summarised unless
 * `--all`; with `drift`, the lines of their drift from a first checkpoint.
 */
export function layerNormLines(
  x: LayerNormLaws<Rational>,
  weight: string,
  bias: string | undefined,
  style: ValueStyle,
  drift = false,
): string[] {
  const sums =
    x.columnSums.length > SUMMARY_ABOVE && !style.all
      ? rowSummary(x.columnSums, style)
      : x.columnSums.map((v) => valueText(v, style)).join(", ");
  const lead = drift ? "drift of " : "";
  const lines = [
    `  ${lead}‖${weight}‖² + ‖${bias ?? "(no bias)"}‖² (whole-layer scale invariance; conserved under flow only when ε = 0): ${valueText(x.scale, style)}`,
  ];
  if (x.biasSum !== undefined)
    lines.push(`  ${lead}Σ_j ${bias}[j] (shift invariance; conserved for any ε): ${valueText(x.biasSum, style)}`);
  lines.push(`  ${lead}Σ_j ${weight}[j, c] per column c (shift invariance; conserved for any ε): ${sums}`);
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
  const norm = name.norm === undefined ? "" : `, ${normWord(layer)} \`${name.norm}\``;
  const incoming = layer.norm === undefined ? "‖W[j]‖² + b[j]²" : "γ_j² + β_j²";
  return `hidden layer ${l + 1} (${kind}${norm}, ${layer.W.length} ${unitWord(layer)}s): c per ${unitWord(layer)} j = ${incoming} − ‖readers of j in \`${at(names, l + 1).weight}\`‖²`;
}

/** The kind of a layer's normalisation in text: `LayerNorm` or `BatchNorm`. */
export function normWord(layer: { norm?: { kind?: string | undefined } | undefined }): string {
  return layer.norm?.kind === "layer" ? "LayerNorm" : "BatchNorm";
}

/** One law of a network with channels, the tensors it holds for and how exactly it holds. */
export interface ChannelLaw {
  readonly law: "rescaling" | "scale invariance" | "zero-gradient bias" | "shift invariance";
  readonly layer: number;
  /** `layer` for a law of the whole layer (a LayerNorm's), else the unit j it holds for. */
  readonly unit: "neuron" | "channel" | "layer";
  /** The conserved quantity (for unit j unless `unit` is `layer`), in the tensors' names. */
  readonly quantity: string;
  /** Whether it is conserved exactly along gradient flow (scale invariance only when ε = 0). */
  readonly exact: boolean;
  readonly note: string;
}

/**
 * Which law holds for which tensor, per hidden layer: the rescaling law of each unit or channel j
 * (its incoming tensors against the readers of j in the next weight), and after a BatchNorm the
 * scale invariance of the weight feeding it and the zero gradient of the bias before it.
 */
export function channelLaws(layers: LayeredNetwork<Rational>["layers"], names: ReturnType<typeof tensorNames>): ChannelLaw[] {
  const out: ChannelLaw[] = [];
  for (let l = 0; l + 1 < layers.length; l++) {
    const layer = at(layers, l);
    const name = at(names, l);
    const unit = layer.conv === undefined ? "neuron" : "channel";
    const incoming =
      layer.norm === undefined
        ? `‖${name.weight}[j]‖²${layer.b === undefined ? "" : ` + ${name.bias}[j]²`}`
        : `${name.norm}.weight[j]² + ${name.norm}.bias[j]²`;
    out.push({
      law: "rescaling",
      layer: l + 1,
      unit,
      quantity: `${incoming} − ‖readers of ${unit} j in ${at(names, l + 1).weight}‖²`,
      exact: true,
      note: `conserved along gradient flow for every ${unit} j (positively homogeneous activation; max or average pooling commute with the rescaling)`,
    });
    if (layer.norm === undefined) continue;
    if (layer.norm.kind === "layer") {
      out.push(...layerNormChannelLaws(l + 1, layer, name));
      continue;
    }
    const eps = layer.norm.eps;
    out.push({
      law: "scale invariance",
      layer: l + 1,
      unit,
      quantity: `‖${name.weight}[j]‖²`,
      exact: eps.n === 0n,
      note:
        eps.n === 0n
          ? "conserved along gradient flow (ε = 0); grows by η²‖g‖² per plain gradient descent step"
          : `exact only when ε = 0, PyTorch's ε = 1e−5 makes it approximate (ε = ${eps.toFraction()} here); grows by about η²‖g‖² per plain gradient descent step`,
    });
    if (layer.b !== undefined)
      out.push({
        law: "zero-gradient bias",
        layer: l + 1,
        unit,
        quantity: `${name.bias}[j]`,
        exact: true,
        note: "BatchNorm subtracts the batch mean: its gradient is 0, so it is conserved exactly, for any ε",
      });
  }
  return out;
}

/** The whole-layer laws of a linear layer followed by a LayerNorm (its affine pairs with the next layer in the rescaling law). */
function layerNormChannelLaws(
  layer: number,
  { b, norm }: LayeredNetwork<Rational>["layers"][number],
  name: ReturnType<typeof tensorNames>[number],
): ChannelLaw[] {
  const zero = norm!.eps.n === 0n;
  const out: ChannelLaw[] = [
    {
      law: "scale invariance",
      layer,
      unit: "layer",
      quantity: `‖${name.weight}‖²${b === undefined ? "" : ` + ‖${name.bias}‖²`}`,
      exact: zero,
      note: zero
        ? "LayerNorm divides out a common scale of the layer's pre-activations: conserved along gradient flow (ε = 0); grows by η²‖g‖² per plain gradient descent step"
        : `exact only when ε = 0, PyTorch's ε = 1e−5 makes it approximate (ε = ${norm!.eps.toFraction()} here)`,
    },
  ];
  if (b !== undefined)
    out.push({
      law: "shift invariance",
      layer,
      unit: "layer",
      quantity: `Σ_j ${name.bias}[j]`,
      exact: true,
      note: "LayerNorm subtracts the mean over the units: the bias gradient sums to 0, so the sum is conserved exactly, for any ε",
    });
  out.push({
    law: "shift invariance",
    layer,
    unit: "layer",
    quantity: `Σ_j ${name.weight}[j, c] for every column c`,
    exact: true,
    note: "the gradient of each column of the weight sums to 0 over the units, so each column sum is conserved exactly, for any ε",
  });
  return out;
}
