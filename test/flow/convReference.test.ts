import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { datasetIn } from "../../src/net/datasetIn.js";
import { layeredFromObject } from "../../src/net/layeredFromObject.js";
import { networkIn } from "../../src/net/networkIn.js";
import { packNetwork } from "../../src/net/packNetwork.js";
import { readArchitecture } from "../../src/net/readArchitecture.js";
import { readDataset } from "../../src/net/readDataset.js";
import { withArchitecture } from "../../src/net/withArchitecture.js";
import { exact } from "../../src/scalar/exact.js";
import { readJson } from "../../src/io/readJson.js";

/** Made by proofs/conv_gd_reference.py: PyTorch float64 SGD on two small conv nets, weights multiples of 1/64. */
interface ReferenceCase {
  name: string;
  arch: unknown;
  repr: string;
  net: unknown;
  data: string;
  lr: string;
  steps: number;
  losses: string[];
  params: string[][];
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/conv/gd_reference.json", import.meta.url), "utf8")) as {
  cases: ReferenceCase[];
};

const S = exact;
/** |ours − torch| ≤ 1e-12 · max(1, |torch|): torch rounds at every operation, the exact run never does. */
function close(ours: string, torch: string): boolean {
  const t = Number(torch);
  return Math.abs(nearest(ours) - t) <= 1e-12 * Math.max(1, Math.abs(t));
}

/** The double nearest p/q to ~1e-16, by integer division (p and q outgrow a double within a few exact steps). */
function nearest(text: string): number {
  const [p = "0", q = "1"] = text.split("/");
  const scale = 10n ** 40n;
  return Number((BigInt(p) * scale) / BigInt(q)) / 1e40;
}

describe("exact gradientDescent on conv nets against PyTorch (float64)", () => {
  for (const c of fixture.cases)
    it(`should follow torch.optim.SGD step for step: ${c.name}`, () => {
      const weights = layeredFromObject(readJson(JSON.stringify(c.net), "net"), "net");
      const fromJson = withArchitecture(readArchitecture(JSON.stringify(c.arch), "arch.json"), weights);
      // the printed nn.Sequential with its input line gives the same network
      const shape = (c.arch as { input: number[] }).input;
      expect(withArchitecture(readArchitecture(`input: [${shape.join(", ")}]\n${c.repr}`, "arch.txt"), weights)).toEqual(fromJson);
      const net = networkIn(fromJson, S);
      const d = net.input!.channels * net.input!.size.reduce((p, n) => p * n, 1);
      const data = datasetIn(readDataset(c.data, d, net.layers.at(-1)!.W.length), S);
      const run = gradientDescent(net, data, S, { lr: S.parse(c.lr), steps: c.steps, loss: "mse" });
      const losses = run.losses.map(S.toString);
      expect(losses.every((v, t) => close(v, c.losses[t]!))).toBe(true);
      const final = packNetwork(run.params).map(S.toString);
      expect(final.length).toBe(c.params.at(-1)!.length);
      expect(final.every((v, i) => close(v, c.params.at(-1)![i]!))).toBe(true);
      // and the per-channel drift identity holds exactly at every step
      for (const [t, row] of run.observedDrift.entries()) expect(row.every((v, k) => S.eq(v, run.predictedDrift[t]![k]!))).toBe(true);
      expect(run.invariants[0]!.length).toBe(net.layers.slice(0, -1).reduce((s, l) => s + l.W.length, 0));
    });
});
