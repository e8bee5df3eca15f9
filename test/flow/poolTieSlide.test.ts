import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { runs } from "../helpers/campaign.js";
import { dynamicsNetwork } from "../../src/cli/_internals/dynamicsNetwork.js";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { integrateFlow } from "../../src/flow/integrateFlow.js";
import { readTextFile } from "../../src/io/readTextFile.js";
import { datasetIn } from "../../src/net/datasetIn.js";
import type { Layer, LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { networkIn } from "../../src/net/networkIn.js";
import { packNetwork } from "../../src/net/packNetwork.js";
import { readDataset } from "../../src/net/readDataset.js";
import { decimal } from "../../src/scalar/decimal.js";

const Dec = Decimal.clone({ precision: 80 });
const example = (f: string): string => new URL(`../../examples/${f}`, import.meta.url).pathname;

/** The network a run's `params` print, as exact text with the run's activation. */
function paramsNet(net: LayeredNetwork<string>, params: Record<string, unknown>): LayeredNetwork<string> {
  const p = params as { layers: Layer<string>[]; input?: LayeredNetwork<string>["input"] };
  return { activation: net.activation, layers: p.layers, ...(p.input === undefined ? {} : { input: p.input }) };
}

describe("Taylor flow along a max-pool tie", () => {
  it("should follow the closed-form slide of one window of two equal units", () => {
    // z_p = w1·x_p + w2·x_{p+1} on x = (1, 0, 1): the two units of the one max window are w1 and w2, the
    // read-out f = c·max(w1, w2), y = 0. From w1 = w2 = c = 1 the loss pushes the pooled entry down and
    // both selections into the tie: the flow slides with w1 = w2 = w and the share λ = 1/2, so
    // ẇ = −(f − y)c, ċ = −2(f − y)w (mse: dL/df = 2(f − y)) and 2w² − c² = 1 is conserved; f = cw obeys
    // ḟ = −f·√(1 + 8f²), whose solution from f(0) = 1 is f(t) = e^{−t}/(2 − e^{−2t}).
    const net: LayeredNetwork<string> = {
      activation: { kind: "relu" },
      input: { channels: 1, size: [3] },
      layers: [
        { W: [["1", "1"]], conv: { kernel: [2], groups: 1, stride: [1], padding: [0] }, pool: { kind: "max", kernel: [2], stride: [2] } },
        { W: [["1"]] },
      ],
    };
    const data = readDataset("x0,x1,x2,y\n1,0,1,0\n", 3, 1);
    const run = integrateFlow(net, data, { time: "3/4", digits: 30 });
    expect(run.events.map((e) => [e.kind, e.window])).toEqual([["slide", 0]]);
    const [w1, w2, c] = packNetwork(paramsNet(net, run.params)).map((v) => new Dec(v));
    const e = new Dec(-0.75).exp();
    const f = e.div(new Dec(2).minus(e.pow(2)));
    const c2 = new Dec(1).plus(f.pow(2).times(8)).sqrt().minus(1).div(2);
    const w = new Dec(1).plus(c2).div(2).sqrt();
    const tol = 1e-25;
    expect(w1!.minus(w).abs().toNumber()).toBeLessThan(tol);
    expect(w2!.minus(w).abs().toNumber()).toBeLessThan(tol);
    expect(c!.minus(c2.sqrt()).abs().toNumber()).toBeLessThan(tol);
  });

  it("should be the limit of gradient descent across the slide of examples/conv1d: halving η halves the gap", () => {
    const net = dynamicsNetwork({ arch: example("conv1d.arch.json"), net: example("conv1d.json") });
    const data = readDataset(readTextFile(example("conv1d.csv")), 6, 1);
    const run = integrateFlow(net, data, { time: "1", digits: 24 });
    // the slide starts at t ≈ 0.69 and holds to T = 1
    const slides = run.events.filter((e) => e.kind === "slide" && e.window !== undefined);
    expect(slides.length).toBe(1);
    expect(Number(slides[0]!.t)).toBeGreaterThan(0.6);
    expect(Number(slides[0]!.t)).toBeLessThan(0.8);
    // every channel's c along the steps, the slide included
    expect(Math.abs(Number(run.maxDrift))).toBeLessThan(1e-19);
    const flow = packNetwork(paramsNet(net, run.params)).map((v) => new Dec(v));
    const S = decimal(40);
    const gap = (steps: number): number => {
      const gd = gradientDescent(networkIn(net, S), datasetIn(data, S), S, { lr: S.parse(`1/${steps}`), steps, loss: "mse" });
      return packNetwork(gd.params).reduce((m, v, k) => Math.max(m, new Dec(S.toString(v)).minus(flow[k]!).abs().toNumber()), 0);
    };
    const [g1, g2, g3] = [100, 200, 400].map(gap) as [number, number, number];
    // first order: the gap is Cη + O(η²), so 2·gap(η/2) − gap(η) is far below the gap itself (a wrong
    // trajectory leaves a gap that does not shrink)
    expect(g1 / g2).toBeGreaterThan(1.9);
    expect(g2 / g3).toBeGreaterThan(1.9);
    expect(g2 / g3).toBeLessThan(2.1);
    expect(Math.abs(2 * g3 - g2)).toBeLessThan(0.05 * g2);
  });

  it("should be the limit of gradient descent across slides, a switch and releases of 2×2 max windows", { tags: ["long"] }, () => {
    // two leaky convolutions (slope −5/8), a 2×2 max pool: a window slides along a tie at t ≈ 0.0004, another
    // switches, the first is released, the second slides and is released where one of its units leaves its kink
    const net: LayeredNetwork<string> = {
      activation: { kind: "leaky_relu", slope: "-5/8" },
      input: { channels: 1, size: [4, 1] },
      layers: [
        { W: [["1/2", "-2"]], b: ["0"], conv: { kernel: [2, 1], groups: 1, stride: [1, 1], padding: [1, 1] } },
        {
          W: [
            ["-2", "0", "1", "-2", "0", "1", "2", "-2", "1/2"],
            ["1/2", "1/2", "0", "2", "-1", "-1", "1/2", "1", "1/2"],
            ["0", "-1", "0", "0", "-1", "-1", "1", "-1", "1/2"],
          ],
          b: ["-1", "-1", "2"],
          conv: { kernel: [3, 3], groups: 1, stride: [1, 2], padding: [0, 1] },
          pool: { kind: "max", kernel: [2, 2], stride: [2, 2] },
        },
        { W: [["1", "0", "1"]], b: ["-2"] },
      ],
    };
    const data = {
      X: [
        ["3", "-3", "-1", "-1"],
        ["1/2", "0", "3", "1"],
      ],
      Y: [["-1"], ["-1"]],
    };
    const run = integrateFlow(net, data, { time: "1/8", digits: 24 });
    const pooled = run.events.filter((e) => e.window !== undefined).map((e) => e.kind);
    expect(pooled).toEqual(["slide", "switch", "release", "slide", "release"]);
    expect(Math.abs(Number(run.maxDrift))).toBeLessThan(1e-19);
    const flow = packNetwork(paramsNet(net, run.params)).map((v) => new Dec(v));
    const S = decimal(40);
    const gap = (steps: number): number => {
      const gd = gradientDescent(networkIn(net, S), datasetIn(data, S), S, { lr: S.parse(`1/${8 * steps}`), steps, loss: "mse" });
      return packNetwork(gd.params).reduce((m, v, k) => Math.max(m, new Dec(S.toString(v)).minus(flow[k]!).abs().toNumber()), 0);
    };
    // halving η halves the gap (first order): two halvings in the long campaign, one in npm test
    const gaps = [200, 400, 800].slice(0, runs(3, 2)).map(gap);
    for (let k = 1; k < gaps.length; k++) {
      expect(gaps[k - 1]! / gaps[k]!).toBeGreaterThan(1.9);
      expect(gaps[k - 1]! / gaps[k]!).toBeLessThan(2.4);
    }
  });
});
