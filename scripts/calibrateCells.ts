/**
 * Measures the cost model of `reproduce` (src/runner/reproduceWork.ts: per kind of cell, a
 * fixed cost plus a cost per unit of planned weight) on the cells of one scale: runs a sample
 * of the cells one after another in this process and times each in CPU seconds (user +
 * system of this process, which runs nothing else meanwhile), so that other load on a shared
 * machine does not inflate the numbers as wall times would. For each kind it fits
 * fixed + perWeight·weight by least squares on the cells marked `fit` and prints the error on
 * the others (`check`), which the fit did not see; a kind with one weight gets a fixed cost only.
 * It then prints the whole run's CPU seconds predicted from the fit, for every planned cell.
 *
 *   npm run build && node --import tsx scripts/calibrateCells.ts [--scale full] [--sample 2]
 */
import { parseArgs } from "node:util";
import type { ReproduceConfig, Scale } from "../src/experiments/reproduceConfig.js";
import type { CellSpec } from "../src/runner/planCells.js";

const { values } = parseArgs({
  options: { scale: { type: "string", default: "full" }, sample: { type: "string", default: "2" }, kinds: { type: "string" } },
});
const scale = values.scale as Scale;
const perWeight = Number(values.sample);
const kinds = values.kinds?.split(",");
const dist = (p: string): string => new URL(`../dist/${p}`, import.meta.url).href;
const { plannedCells } = (await import(dist("runner/planCells.js"))) as typeof import("../src/runner/planCells.js");
const { runCell } = (await import(dist("runner/runCell.js"))) as typeof import("../src/runner/runCell.js");
const { reproduceConfig } = (await import(
  dist("experiments/reproduceConfig.js")
)) as typeof import("../src/experiments/reproduceConfig.js");

const all = plannedCells({ experiment: "all", scale, seed: 1, shard: null });
const config: ReproduceConfig = reproduceConfig(scale, 1, "all");

/** Per kind, the distinct weights and up to `perWeight` cells of each; alternate weights are fitted and checked. */
const byKind = new Map<string, CellSpec[]>();
for (const c of all) byKind.set(c.key.kind, [...(byKind.get(c.key.kind) ?? []), c]);

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

interface Sample {
  weight: number;
  seconds: number;
  role: "fit" | "check";
}
const fitted = new Map<string, { fixed: number; perWeight: number }>();
for (const [kind, cells] of byKind) {
  if (kinds !== undefined && !kinds.includes(kind)) continue;
  const weights = [...new Set(cells.map((c) => c.weight))].sort((a, b) => a - b);
  // fit on the smallest, the largest and every other weight between; check on the rest
  const role = (w: number): "fit" | "check" => {
    const i = weights.indexOf(w);
    return i === 0 || i === weights.length - 1 || i % 2 === 0 ? "fit" : "check";
  };
  const samples: Sample[] = [];
  for (const w of weights) {
    for (const spec of cells.filter((c) => c.weight === w).slice(0, perWeight)) {
      const t = cpuSeconds();
      await runCell(spec, config);
      const s = cpuSeconds() - t;
      samples.push({ weight: w, seconds: s, role: role(w) });
      process.stdout.write(`  ${spec.id}: weight ${w.toFixed(3)}, ${s.toFixed(2)} CPU s (${role(w)})\n`);
    }
  }
  const fit = samples.filter((s) => s.role === "fit");
  let model: { fixed: number; perWeight: number };
  if (weights.length === 1) model = { fixed: fit.reduce((a, s) => a + s.seconds, 0) / fit.length, perWeight: 0 };
  else {
    // least squares of seconds = fixed + perWeight·weight, fixed kept ≥ 0
    const n = fit.length;
    const mw = fit.reduce((a, s) => a + s.weight, 0) / n;
    const ms = fit.reduce((a, s) => a + s.seconds, 0) / n;
    const sww = fit.reduce((a, s) => a + (s.weight - mw) ** 2, 0);
    const sws = fit.reduce((a, s) => a + (s.weight - mw) * (s.seconds - ms), 0);
    const slope = sww > 0 ? sws / sww : 0;
    const fixed = ms - slope * mw;
    model =
      fixed >= 0
        ? { fixed, perWeight: slope }
        : { fixed: 0, perWeight: fit.reduce((a, s) => a + s.seconds * s.weight, 0) / fit.reduce((a, s) => a + s.weight ** 2, 0) };
  }
  fitted.set(kind, model);
  const err = (s: Sample): number => (model.fixed + model.perWeight * s.weight) / s.seconds - 1;
  const worst = (role: Sample["role"]): string => {
    const e = samples.filter((s) => s.role === role).map(err);
    return e.length === 0 ? "none" : `${(100 * Math.max(...e.map(Math.abs))).toFixed(0)} % worst of ${e.length}`;
  };
  const total = cells.reduce((a, c) => a + model.fixed + model.perWeight * c.weight, 0);
  process.stdout.write(
    `${kind}: fixed ${model.fixed.toPrecision(3)} s + ${model.perWeight.toPrecision(3)} s per weight; error on fitted cells ${worst("fit")}, on checked cells ${worst("check")}; ${cells.length} cells predicted ${total.toFixed(1)} CPU s\n`,
  );
}
const total = all.reduce((a, c) => {
  const m = fitted.get(c.key.kind);
  return a + (m === undefined ? 0 : m.fixed + m.perWeight * c.weight);
}, 0);
process.stdout.write(`all measured kinds at ${scale} scale: ${total.toFixed(1)} CPU s predicted\n`);
