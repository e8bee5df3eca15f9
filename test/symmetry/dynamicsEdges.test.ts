import { describe, expect, it } from "vitest";
import { datasetIn } from "../../src/net/datasetIn.js";
import { networkIn } from "../../src/net/networkIn.js";
import { readDataset } from "../../src/net/readDataset.js";
import { readNetwork } from "../../src/net/readNetwork.js";
import { exact } from "../../src/scalar/exact.js";
import { deadNeurons } from "../../src/symmetry/deadNeurons.js";
import { inspectNetwork } from "../../src/symmetry/inspectNetwork.js";
import { obstruction } from "../../src/symmetry/obstruction.js";

// y = |x| at x = ±1, ±1/2 (examples/abs.csv)
const ABS = datasetIn(readDataset("x,y\n-1,1\n-1/2,1/2\n1/2,1/2\n1,1\n", 1, 1), exact);
const net = (json: object) => networkIn(readNetwork(JSON.stringify(json)), exact);

describe("obstruction: balanced neurons under the flow", () => {
  // c_k = 9/25 + 16/25 − 1 = 0 for both neurons, both output weights negative
  const balanced = net({ activation: "relu", W1: [["3/5"], ["-3/5"]], b1: ["4/5", "4/5"], W2: [["-1", "-1"]] });

  it("should lock the signs of balanced neurons under the flow, keeping the topological verdict and the gradient-descent one", () => {
    const v = obstruction(balanced, 1, 0, { data: ABS });
    expect(v.obstructed).toBe(false);
    expect(v.flow).toMatchObject({ obstructed: true, frozen: [], signLocked: [0, 1] });
    expect(v.flow!.reason).toMatch(/balanced neuron\(s\) \[1, 2\].*obstructed.*topological verdict: not excluded/);
    expect(v.gd!.obstructed).toBe(false);
    expect(v.gd!.reason).toMatch(/a finite step can cross 0/);
  });

  it("should lock them without data too, and not when c_k = 0 comes with a_k = 0 (then the neuron is at the origin)", () => {
    expect(obstruction(balanced, 0, 0, { targetSigns: "+?" }).flow?.obstructed).toBe(true);
    expect(obstruction(balanced, 0, 0, { targetSigns: "-?" }).flow?.obstructed).toBe(false);
    // c = 1 − 1/4 > 0: not balanced, nothing beyond the topology
    const unbalanced = net({ activation: "relu", W1: [["1"]], W2: [["-1/2"]] });
    expect(obstruction(unbalanced, 1, 0).flow).toBeUndefined();
  });
});

describe("neurons at the origin", () => {
  for (const activation of ["abs", "relu", "leaky_relu:1/5", "linear", "leaky_relu:0"]) {
    it(`should be frozen under every dynamics with ${activation}`, () => {
      const theta = net({ activation, W1: [["0"], ["1"]], b1: ["0", "1"], W2: [["0", "-1"]] });
      const dead = deadNeurons(theta, ABS.X).filter((d) => d.neuron === 0);
      expect(dead.map((d) => [d.layer, d.gd, d.flow])).toEqual([[1, "forever", "forever"]]);
      const v = obstruction(theta, 0, 0, { data: ABS, targetSigns: "+?" });
      expect([v.obstructed, v.gd!.obstructed, v.flow!.obstructed]).toEqual([false, true, true]);
      expect(v.flow!.frozen).toEqual([0]);
    });
  }

  it("should be found in a deep hidden layer, and without data", () => {
    const deep = {
      activation: { kind: "abs" as const },
      layers: [
        { W: [["1"], ["2"]].map((r) => r.map(exact.parse)) },
        {
          W: [
            ["0", "0"],
            ["1", "1"],
          ].map((r) => r.map(exact.parse)),
          b: ["0", "1"].map(exact.parse),
        },
        { W: [["0", "1"]].map((r) => r.map(exact.parse)) },
      ],
    };
    const v = obstruction(deep, 0, 0, { targetSigns: "-?" });
    expect(v.flow?.frozen).toEqual([0]);
    expect(v.flow?.obstructed).toBe(true);
  });
});

describe("leaky_relu:0 is relu; abs with z = 0 on the data", () => {
  it("should give leaky_relu:0 the dead-neuron analysis of the same relu net", () => {
    const weights = { W1: [["-1"], ["1"]], b1: ["-2", "1"], W2: [["1", "-1"]] };
    const relu = obstruction(net({ activation: "relu", ...weights }), 0, 0, { data: ABS, targetSigns: "-+" });
    const leaky0 = obstruction(net({ activation: "leaky_relu:0", ...weights }), 0, 0, { data: ABS, targetSigns: "-+" });
    expect(relu.gd!.obstructed).toBe(true);
    expect(leaky0).toEqual(relu);
  });

  it("should freeze an abs neuron with z = 0 at every data point under gradient descent only", () => {
    // w̃_1 = (1, −1) is orthogonal to every x = (t, t): z_1 ≡ 0; c_1 = 2 − 1 > 0, so its sign is free topologically
    const diagonal = datasetIn(readDataset("x1,x2,y\n1,1,1\n-1/2,-1/2,1/2\n2,2,0\n", 2, 1), exact);
    const theta = net({
      activation: "abs",
      W1: [
        ["1", "-1"],
        ["1", "0"],
      ],
      W2: [["1", "-1"]],
    });
    expect(deadNeurons(theta, diagonal.X).map((d) => [d.neuron, d.gd, d.flow])).toEqual([[0, "forever", "kink"]]);
    const v = obstruction(theta, 0, 0, { data: diagonal, targetSigns: "-?" });
    expect([v.obstructed, v.gd!.obstructed, v.flow!.obstructed]).toEqual([false, true, false]);
  });

  it("should report balanced neurons' flow sign lock in inspect, with and without data", () => {
    const theta = net({ activation: "relu", W1: [["3/5"], ["-3/5"]], b1: ["4/5", "4/5"], W2: [["-1", "-1"]] });
    expect(inspectNetwork(theta, ABS).outputSigns?.flowSignLocked).toEqual([0, 1]);
    expect(inspectNetwork(theta).outputSigns).toMatchObject({ pattern: "??", gdFrozen: [], flowFrozen: [], flowSignLocked: [0, 1] });
  });

  it("should report frozen origin neurons in inspect", () => {
    const theta = net({ activation: "abs", W1: [["0"], ["1"]], b1: ["0", "1"], W2: [["0", "-1"]] });
    const r = inspectNetwork(theta, ABS);
    expect([r.outputSigns?.gdFrozen, r.outputSigns?.flowFrozen]).toEqual([[0], [0]]);
  });
});
