import { InputError } from "../../errors.js";
import { layerInvariants } from "../../invariants/layerInvariants.js";
import { activationName } from "../../net/activationName.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import type { NetworkFile } from "../../net/openNetworkFile.js";
import { at } from "../../scalar/at.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { printJson } from "../options.js";
import {
  batchNormJson,
  batchNormLines,
  channelHeader,
  channelLaws,
  exactNetworkOf,
  fileBatchNormLaws,
  fileLayerNormLaws,
  layerNormJson,
  layerNormLines,
  normWord,
  tensorNames,
  unitWord,
} from "./channelLaws.js";
import { rowSummary, SUMMARY_ABOVE, type ValueStyle, valueText } from "./valueText.js";

/**
 * `relutopo inspect` of a network with convolutions, BatchNorm or LayerNorm: its layers, c per channel (or
 * neuron) with the count per sign, the BatchNorm and LayerNorm laws, and which law holds for which tensor. The
 * topology verdicts and `--data` are those of fully connected networks and are refused here.
 *
 * @throws InputError for `--data` or `--plot`
 */
export function inspectChannels(file: NetworkFile, opts: { json?: boolean; data?: string; plot?: string }, style: ValueStyle): void {
  if (opts.data !== undefined || opts.plot !== undefined)
    throw new InputError({
      field: opts.data !== undefined ? "--data" : "--plot",
      expected:
        "absent for a network with convolutions or BatchNorm (inspect gives its laws per channel; --data and --plot read fully connected networks)",
      value: (opts.data ?? opts.plot)!,
    });
  const net: LayeredNetwork<Rational> = exactNetworkOf(file);
  const { layers } = net;
  const names = tensorNames(file);
  const rows = layerInvariants(net, exact);
  const norms = fileBatchNormLaws(file);
  const layerNorms = fileLayerNormLaws(file);
  const laws = channelLaws(layers, names);
  const parameters = layers.reduce(
    (s, x) => s + x.W.length * (x.W[0]?.length ?? 0) + (x.b?.length ?? 0) + (x.norm === undefined ? 0 : 2 * x.W.length),
    0,
  );
  const describe = layers.map((l, i) => {
    const name = at(names, i);
    const base = {
      layer: i + 1,
      weight: name.weight,
      kind: l.conv === undefined ? "linear" : `conv${l.conv.kernel.length}d`,
      units: l.W.length,
      ...(l.conv === undefined ? {} : { kernel: l.conv.kernel, groups: l.conv.groups }),
      bias: l.b !== undefined,
    };
    if (name.norm === undefined) return base;
    const key = l.norm?.kind === "layer" ? "layerNorm" : "batchNorm";
    return { ...base, [key]: name.norm, eps: exact.toString(l.norm!.eps) };
  });
  const signs = (row: readonly Rational[]): { negative: number; zero: number; positive: number } => {
    const negative = row.filter((v) => v.n !== 0n && v.s < 0n).length;
    const zero = row.filter((v) => v.n === 0n).length;
    return { negative, zero, positive: row.length - negative - zero };
  };
  if (opts.json) {
    printJson({
      schema: "relutopo.inspect-channels/1",
      architecture: { layers: describe, activation: activationName(net.activation), parameters },
      layers: rows.map((r, i) => ({ layer: i + 1, unit: unitWord(at(layers, i)), c: r.map(exact.toString), ...signs(r) })),
      ...(norms.length > 0 ? { batchNorm: batchNormJson(norms) } : {}),
      ...(layerNorms.length > 0 ? { layerNorm: layerNormJson(layerNorms) } : {}),
      laws,
      activation: file.activation,
    });
    return;
  }
  const lines: string[] = [];
  const kinds = describe.map(
    (d, i) =>
      `${d.kind} ${d.weight} (${d.units} ${d.kind === "linear" ? "units" : "channels"}${"kernel" in d ? `, kernel ${d.kernel?.join("×")}${d.groups !== 1 ? `, groups ${d.groups}` : ""}` : ""}${at(names, i).norm === undefined ? "" : `, ${normWord(at(layers, i))} ${at(names, i).norm}`})`,
  );
  lines.push(`network: ${kinds.join(" -> ")}, ${activationName(net.activation)}, ${parameters} parameters`);
  for (const [i, row] of rows.entries()) {
    const s = signs(row);
    lines.push(`${channelHeader(i, layers, names)}: ${s.negative} with c < 0, ${s.zero} with c = 0, ${s.positive} with c > 0`);
    lines.push(
      row.length > SUMMARY_ABOVE && !style.all
        ? `  c: ${rowSummary(row, style)} (--all prints every value)`
        : `  c = ${row.map((v) => valueText(v, style)).join(", ")}`,
    );
    const norm = norms.find((x) => x.layer === i + 1);
    if (norm !== undefined) lines.push(...batchNormLines(norm, at(names, i).weight, at(names, i).bias, style));
    const ln = layerNorms.find((x) => x.layer === i + 1);
    if (ln !== undefined) lines.push(...layerNormLines(ln, at(names, i).weight, at(layers, i).b && at(names, i).bias, style));
  }
  lines.push("laws (which quantity is conserved for which tensor, per unit j):");
  for (const law of laws)
    lines.push(
      `  ${law.law} of ${law.unit === "layer" ? "" : `${law.unit} j of `}layer ${law.layer}: ${law.quantity}${law.exact ? "" : " (approximate)"}: ${law.note}`,
    );
  process.stdout.write(`${lines.join("\n")}\n`);
}
