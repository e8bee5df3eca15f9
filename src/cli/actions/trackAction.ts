import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "../../errors.js";
import { checkOutputPath } from "../../io/checkOutputPath.js";
import { readTextFile } from "../../io/readTextFile.js";
import { writeFileAtomic } from "../../io/writeFileAtomic.js";
import { floatLayerInvariants } from "../../invariants/floatLayerInvariants.js";
import { layerInvariants } from "../../invariants/layerInvariants.js";
import { checkpointStep } from "../../net/checkpointStep.js";
import { datasetIn } from "../../net/datasetIn.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { loss } from "../../net/loss.js";
import { openNetworkFile } from "../../net/openNetworkFile.js";
import { readDataset } from "../../net/readDataset.js";
import { at } from "../../scalar/at.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { deepTopology } from "../../topology/deepTopology.js";
import { rowSummary, SUMMARY_ABOVE, valueStyle, valueText } from "../_internals/valueText.js";
import { printJson } from "../options.js";
import { progressBar } from "../progress.js";
import { interruptible } from "../_internals/interruptible.js";
import { type BatchNormLaws, batchNormLaws } from "../../invariants/batchNormLaws.js";
import { batchNormJson, batchNormLines, exactNetworkOf, hasChannelLayers, unitWord } from "../_internals/channelLaws.js";

/** The options of `relutopo track`. */
export interface TrackCliOptions {
  json?: boolean;
  data?: string;
  plot?: string;
  digits?: string;
  exact?: boolean;
  all?: boolean;
}

interface Checkpoint {
  file: string;
  step: number | null;
  net: LayeredNetwork<Rational>;
  c: Rational[][];
  /** The laws of its BatchNorm layers (none without). */
  norms: BatchNormLaws<Rational>[];
}

/** Parameters of a run above which `track` refuses to rebuild every checkpoint as rationals for its topology. */
const MAX_TRACK_PARAMETERS = 2_000_000;

/**
 * `relutopo track CHECKPOINTS…`: the checkpoints of one training run, in step order, with every
 * c per layer, its drift from the first checkpoint, the sign-locked weights of each and any
 * locked weight that changed sign between checkpoints (impossible under gradient flow, possible
 * under SGD: reported as a finding, not an error), and with `--data` the loss.
 */
export async function trackAction(patterns: string[], opts: TrackCliOptions): Promise<void> {
  const style = valueStyle(opts);
  if (opts.plot !== undefined) {
    if (!/\.svg$/i.test(opts.plot)) throw new InputError({ field: "--plot", expected: "a file name ending in .svg", value: opts.plot });
    checkOutputPath(opts.plot, "file");
  }
  const files = patterns.flatMap(expand);
  if (files.length === 0) throw new InputError({ field: "CHECKPOINTS", expected: "at least one file", value: patterns.join(" ") });
  // reading and converting each checkpoint is the long part: Ctrl-C stops it with one line
  const read = progressBar(files.length, "track", 0);
  const checkpoints = order(
    interruptible("track", read, () =>
      files.map((file, i) => {
        read.update(i);
        return readCheckpoint(file);
      }),
    ),
  );
  // There is a checkpoint per file, and at least one file.
  const first = at(checkpoints, 0);
  const shape = (n: LayeredNetwork<Rational>): string => [inputWidth(n), ...n.layers.map((l) => l.W.length)].join("-");
  for (const cp of checkpoints)
    if (shape(cp.net) !== shape(first.net))
      throw new InputError({
        field: "CHECKPOINTS",
        expected: "networks of one shape (one run)",
        value: cp.file,
        note: `It is a ${shape(cp.net)} network, \`${first.file}\` a ${shape(first.net)} one.`,
      });
  // a network with channels has laws per channel but no topology or loss of a fully connected chain
  const channels = hasChannelLayers(first.net);
  if (channels && opts.data !== undefined)
    throw new InputError({
      field: "--data",
      expected:
        "absent for checkpoints with convolutions or BatchNorm (track follows their laws per channel; --data reads fully connected networks)",
      value: opts.data,
    });
  const data =
    opts.data === undefined
      ? undefined
      : datasetIn(readDataset(readTextFile(opts.data), inputWidth(first.net), first.net.layers.at(-1)!.W.length, opts.data), exact);
  const tracked = checkpoints.map((cp) => ({
    ...cp,
    topology: channels ? { locked: [], pattern: "" } : deepTopology(cp.net),
    drift: cp.c.map((row, l) => {
      const base = at(first.c, l);
      return row.map((v, k) => v.sub(at(base, k)));
    }),
    loss: data === undefined ? undefined : loss(cp.net, data, exact, "mse"),
    normDrift: cp.norms.map((x, i) => {
      const base = at(first.norms, i);
      return {
        layer: x.layer,
        kernel: x.kernel.map((v, k) => v.sub(at(base.kernel, k))),
        bias: x.bias?.map((v, k) => v.sub(at(base.bias ?? [], k))),
      };
    }),
  }));
  const firstTopology = at(tracked, 0).topology;
  const lockedAt0 = firstTopology.locked;
  // A locked weight's column past W's width is the bias (deepTopology's numbering).
  const valueAt = (n: LayeredNetwork<Rational>, w: { layer: number; row: number; col: number }): Rational => {
    const { W, b } = at(n.layers, w.layer - 1);
    return w.col < at(W, 0).length ? at(at(W, w.row), w.col) : at(b ?? [], w.row);
  };
  const weightName = (n: LayeredNetwork<Rational>, w: { layer: number; row: number; col: number }): string =>
    w.col < at(at(n.layers, w.layer - 1).W, 0).length ? `W${w.layer}[${w.row + 1},${w.col + 1}]` : `b${w.layer}[${w.row + 1}]`;
  const signChanges: {
    weight: string;
    from: { file: string; step: number | null; sign: string };
    to: { file: string; step: number | null; sign: string };
  }[] = [];
  for (const w of lockedAt0) {
    let prev = { cp: first, s: exact.sign(valueAt(first.net, w)) };
    for (const cp of checkpoints.slice(1)) {
      const s = exact.sign(valueAt(cp.net, w));
      if (s !== prev.s)
        signChanges.push({
          weight: weightName(first.net, w),
          from: { file: prev.cp.file, step: prev.cp.step, sign: prev.s > 0 ? "+" : prev.s < 0 ? "-" : "0" },
          to: { file: cp.file, step: cp.step, sign: s > 0 ? "+" : s < 0 ? "-" : "0" },
        });
      prev = { cp, s };
    }
  }
  if (opts.plot !== undefined) {
    const { trackSpec } = await import("../../report/trackSpec.js");
    const { renderVegaLite } = await import("../../report/renderVegaLite.js");
    const points = checkpoints.flatMap((cp, i) =>
      cp.c.flatMap((row, l) => row.map((v, k) => ({ step: cp.step ?? i, neuron: `${l + 1},${k + 1}`, c: v.valueOf() }))),
    );
    writeFileAtomic(opts.plot, await renderVegaLite(trackSpec(points, `c per neuron over ${checkpoints.length} checkpoints`)));
  }
  if (opts.json) {
    printJson({
      checkpoints: tracked.map((cp) => ({
        file: cp.file,
        step: cp.step,
        invariants: cp.c.flat().map(exact.toString),
        ...(cp.c.length > 1 ? { layers: cp.c.map((r, l) => ({ layer: l + 1, invariants: r.map(exact.toString) })) } : {}),
        ...(channels
          ? { units: cp.net.layers.slice(0, -1).map((l) => unitWord(l)) }
          : {
              lockedSigns: cp.topology.locked.map((w, j) => ({ weight: weightName(cp.net, w), sign: cp.topology.pattern[j] })),
              componentOf: cp.topology.pattern,
            }),
        ...(cp.norms.length > 0 ? { batchNorm: batchNormJson(cp.norms) } : {}),
        ...(cp.loss !== undefined ? { loss: exact.toString(cp.loss) } : {}),
      })),
      drift: tracked.map((cp) => ({
        file: cp.file,
        step: cp.step,
        layers: cp.drift.map((r, l) => ({ layer: l + 1, drift: r.map(exact.toString) })),
        ...(cp.normDrift.length > 0
          ? {
              batchNorm: cp.normDrift.map((x) => ({
                layer: x.layer,
                kernelNormSquared: x.kernel.map(exact.toString),
                ...(x.bias === undefined ? {} : { bias: x.bias.map(exact.toString) }),
              })),
            }
          : {}),
      })),
      signChanges,
    });
    return;
  }
  const lines: string[] = [];
  for (const [i, cp] of tracked.entries()) {
    lines.push(
      `${cp.file}${cp.step === null ? "" : ` (step ${cp.step})`}: ${channels ? "c per channel (convolutions) or neuron" : `component ${cp.topology.pattern || "(the only one)"}`}${cp.loss !== undefined ? `, loss (mse) = ${valueText(cp.loss, style)}` : ""}`,
    );
    for (const [l, row] of cp.c.entries()) {
      const d = at(cp.drift, l);
      if (row.length > SUMMARY_ABOVE && !style.all) {
        lines.push(`  c${l + 1}: ${rowSummary(row, style)}`);
        if (i > 0) lines.push(`  drift${l + 1}: ${rowSummary(d, style)}`);
      } else {
        lines.push(`  c${l + 1} = ${row.map((v) => valueText(v, style)).join(", ")}`);
        if (i > 0) lines.push(`  drift${l + 1} = ${d.map((v) => valueText(v, style)).join(", ")}`);
      }
      const norm = cp.norms.find((x) => x.layer === l + 1);
      const moved = cp.normDrift.find((x) => x.layer === l + 1);
      if (norm !== undefined && moved !== undefined) {
        const names = { weight: `W${l + 1}`, bias: `b${l + 1}` };
        lines.push(...batchNormLines(norm, names.weight, names.bias, style));
        if (i > 0) lines.push(...batchNormLines({ ...moved, layer: norm.layer }, names.weight, names.bias, style, true));
      }
    }
  }
  if (!channels)
    lines.push(
      `locked at the first checkpoint: ${lockedAt0.length === 0 ? "none" : lockedAt0.map((w, j) => `${weightName(first.net, w)} ${firstTopology.pattern[j]}`).join(", ")}`,
    );
  if (!channels && signChanges.length === 0) lines.push("sign changes of locked weights: none");
  for (const s of signChanges)
    lines.push(
      `finding: ${s.weight} changed sign ${s.from.sign} -> ${s.to.sign} between ${s.from.file} and ${s.to.file} (possible under SGD or a finite step; never under gradient flow)`,
    );
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** The files a pattern names: itself, or with `*` or `?` in its last part, the matching files of its directory, sorted. */
function expand(pattern: string): string[] {
  const name = basename(pattern);
  if (!/[*?]/.test(name)) return [pattern];
  const dir = dirname(pattern);
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new InputError({ field: "CHECKPOINTS", expected: "a pattern in a directory that can be listed", value: pattern });
  }
  const found = names
    .filter((n) => re.test(n))
    .sort()
    .map((n) => (dir === "." && !pattern.startsWith("./") ? n : join(dir, n)));
  if (found.length === 0) throw new InputError({ field: "CHECKPOINTS", expected: "a pattern that matches a file", value: pattern });
  return found;
}

/** One checkpoint: its network as rationals, its c, and its step (the one its file records, else the last number in its name). */
function readCheckpoint(file: string): Checkpoint {
  const f = openNetworkFile(file);
  let step = checkpointStep(file);
  if (step === null) {
    const m = /(\d+)(?!.*\d)/.exec(basename(file));
    if (m !== null) step = Number(m[1]);
  }
  const spec = f.net;
  const count = spec.layers.reduce((a, l) => a + l.W.length * (l.W[0]?.length ?? 0) + (l.b?.length ?? 0), 0);
  if (count > MAX_TRACK_PARAMETERS)
    throw new InputError({
      field: "CHECKPOINTS",
      expected: `networks of at most ${MAX_TRACK_PARAMETERS} parameters`,
      value: file,
      note: `It has ${count}.`,
    });
  const net = exactNetworkOf(f);
  const c = f.floats !== undefined ? floatLayerInvariants(f.floats) : layerInvariants(net, exact);
  return { file, step, net, c, norms: batchNormLaws(net, exact) };
}

/** Checkpoints by step when every one has a step, else as given. */
function order(cps: Checkpoint[]): Checkpoint[] {
  return cps.every((c) => c.step !== null) ? [...cps].sort((a, b) => a.step! - b.step!) : cps;
}

/** The input width d of a network: the columns of its first weight matrix (a network file has at least one layer and one row). */
function inputWidth(n: LayeredNetwork<Rational>): number {
  return at(at(n.layers, 0).W, 0).length;
}
