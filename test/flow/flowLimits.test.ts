import { describe, expect, it } from "vitest";
import { ConvergenceError, InputError } from "../../src/errors.js";
import { integrateFlow } from "../../src/flow/integrateFlow.js";
import { readDataset } from "../../src/net/readDataset.js";
import { readNetwork } from "../../src/net/readNetwork.js";
import { expectDescentLimit } from "../helpers/descentGap.js";
import { readAnyNetworkFile } from "../../src/net/readAnyNetworkFile.js";

// Runs that cannot finish as asked end with a ConvergenceError (exit 3), at once: never a hang,
// never another error. The cases come from the seeded fuzz campaign.
describe("integrateFlow at its limits", () => {
  it("should stop rk4 as diverged when a parameter passes 10^200, instead of multiplying ever longer integers", () => {
    const net = readNetwork(
      '{"activation":"leaky_relu:-1/2","W1":[["0.25","0",-1],[-1,-3,2],[1,"-3/2",-1]],"W2":[["1/2","-1e15","7/5"],["1/2","0.25",0.5]]}',
    );
    const data = readDataset(
      "x0,x1,x2,y0,y1\n-3,-1/3,0.5,12345678901234567890/3,-0\n-1,1,-1/3,7/5,0\n2,3,0,0,0/7\n-0.75,7/5,3,-0.75,0\n",
      3,
      2,
    );
    const run = (): unknown => integrateFlow(net, data, { time: "1", digits: 12, method: "rk4", steps: 20 });
    expect(run).toThrow(ConvergenceError);
    expect(run).toThrow(/^rk4: diverged: a parameter passed 10\^200 at t = [0-9.e-]+; raise steps$/);
  });

  // A first-layer neuron whose weight and bias reach 0 at once puts every point on its kink together, and
  // the Taylor steps creep toward that instant (about 0.1689), each cut short by an event: before, a run at
  // 16 digits or more could step on for its whole budget of 200,000 steps (18 minutes at 20 digits).
  const creeping = (): { net: ReturnType<typeof readNetwork>; data: ReturnType<typeof readDataset> } => ({
    net: readNetwork('{"activation":"leaky_relu:-1/2","W1":[["1/10"],["0"]],"b1":["0","1/10"],"W2":[["0","-1"]],"b2":["0"]}'),
    data: readDataset("x,y\n-3,3/2\n4,1\n-2,6\n", 1, 1),
  });

  it("should stop the Taylor run as stalled when step after step moves t by less than 10^−D of T", () => {
    const { net, data } = creeping();
    const run = (): unknown => integrateFlow(net, data, { time: "1", digits: 16 });
    expect(run).toThrow(ConvergenceError);
    expect(run).toThrow(
      /^taylor: stalled at a kink \(33 steps in a row each moved the time by less than 10\^-16 of T\) at t = 0\.1688893260370/,
    );
  });

  it("should stop the Taylor run at 20 and 30 digits as stalled at the instant it creeps toward", () => {
    // before, at 20 digits its event-cut steps moved t by about 10^−20 of what was left of T each, for as long
    // as their pace allowed; the pairs it releases there now leave at once, and it stalls where it stands
    const { net, data } = creeping();
    for (const digits of [20, 30]) {
      const run = (): unknown => integrateFlow(net, data, { time: "1", digits });
      expect(run).toThrow(/^taylor: stalled at a kink \(the activation pattern switches back and forth\) at t = 0\.1688893260370/);
    }
  });

  it("should refuse a start on a unit whose weights and bias are all 0 under a leaky activation where its points span a corner, and keep the unit there under ReLU and |x|", () => {
    // every point of the unit is on its kink at once, and with a bias its inputs (x, 1) span two directions: a
    // corner where several surfaces meet, whose way out no test of one pair decides (taken one pair at a time,
    // such starts ended 0.011 and 0.22 away from descent)
    const data = readDataset("x,y\n-3,3/2\n4,1\n-2,6\n", 1, 1);
    for (const activation of ["leaky_relu:-1/2", "leaky_relu:1/4"]) {
      const net = readNetwork(`{"activation":"${activation}","W1":[["1/10"],["0"]],"b1":["0","0"],"W2":[["1","-1"]],"b2":["0"]}`);
      expect(() => integrateFlow(net, data, { time: "1", digits: 16 })).toThrow(
        /^taylor: neuron 2 of layer 1 starts with every incoming weight and its bias 0, so every point is on its kink at once, and its points' inputs span more than one direction, where the way out is not decided one point at a time at t = 0; try another method$/,
      );
    }
    // where σ′(0) = 0 descent never moves the unit, and nor does the flow: under ReLU its pairs stay off, under |x|
    // on the surface (its two one-sided fields are opposite in the unit's weights, so the weight 1/2 holds it)
    for (const activation of ["relu", "abs"]) {
      const net = readNetwork(`{"activation":"${activation}","W1":[["1/10"],["0"]],"b1":["0","0"],"W2":[["1","-1"]],"b2":["0"]}`);
      const run = integrateFlow(net, data, { time: "1", digits: 16 });
      const { W1, b1, W2 } = run.params as Record<string, string[][] | string[]>;
      expect([W1![1], b1![1], W2![0]![1]]).toEqual([["0"], "0", "-1"]);
      expect(run.events.filter((ev) => ev.neuron === 1).map((ev) => ev.kind)).toEqual(
        activation === "abs" ? ["slide", "slide", "slide"] : [],
      );
      expectDescentLimit(net, data, run, 1, [10_000, 20_000], 1e-3);
    }
  });

  it("should report progress after every fixed step, so that the run-time cap sees a long gauss or rk4 run", () => {
    const net = readNetwork('{"W1": [["1"], ["-1/2"]], "b1": ["1/4", "0"], "W2": [["1", "2"]]}');
    const data = readDataset("x,y\n1,1\n-1,0\n", 1, 1);
    for (const method of ["rk4", "gauss"] as const) {
      const fractions: number[] = [];
      integrateFlow(net, data, { time: "1", digits: 15, method, steps: 37, onProgress: (f) => fractions.push(f) });
      expect(fractions.length).toBeGreaterThanOrEqual(37);
      expect(fractions.at(-1)).toBe(1);
      expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
    }
  });

  it("should carry binary cross-entropy through outputs of size 10^19 without an overflow (the logistic series stays in [0, 1])", () => {
    const net = readNetwork('{"activation":"relu","W1":[[3,1],[3,-3]],"b1":[-4,-3],"W2":[["-1/3",-3],["0/7","0"]],"b2":["2","2"]}');
    const data = readDataset("x0,x1,y0,y1\n1,1,0,0\n1,0.5,1,1\n12345678901234567890/3,-1,1,0\n-2,-0.75,0,0\n", 2, 2);
    // The pattern at the huge point switches back and forth at once: a refusal, not a crash.
    expect(() => integrateFlow(net, data, { time: "1", digits: 20, loss: "bce" })).toThrow(ConvergenceError);
  });

  it("should refuse a value past 10^49 up front for a deep network as for a two-layer one", () => {
    const net = readAnyNetworkFile("examples/deep.safetensors");
    const data = readDataset("x1,x2,y\n1e999,1,1\n", 2, 1);
    expect(() => integrateFlow(net, data, { time: "1" })).toThrow(InputError);
    expect(() => integrateFlow(net, data, { time: "1" })).toThrow("Value: `X[0][0] = 1e999`");
  });
});
