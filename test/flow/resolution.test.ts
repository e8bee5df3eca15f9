import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { integrateFlow } from "../../src/flow/integrateFlow.js";
import { readDataset } from "../../src/net/readDataset.js";
import { readNetwork } from "../../src/net/readNetwork.js";

// Fixed point has an absolute precision: at 15 digits, values of size 1e-30 are rounding. With
// weight decay 100 to T = 1, one relu neuron with c = 3 on the |x| data ends with c(T) = 3e-200
// and a(T) > 0 tiny; the run must never print such a value with the wrong sign.
const net = readNetwork('{"activation":"relu","W1":[["2"]],"W2":[["1"]]}');
const data = readDataset("x,y\n-1,1\n-1/2,1/2\n1/2,1/2\n1,1\n", 1, 1);

describe("integrateFlow: values below the fixed-point resolution", () => {
  it("should report no sign change and no negative c or a when c(T) = 3e-200 and a stays positive", () => {
    const run = integrateFlow(net, data, { time: "1", digits: 15, weightDecay: "100", samples: 6 });
    expect(run.signChanges).toEqual([]);
    const values = [run, ...run.samples].flatMap((s) => {
      const p = s.params as { W1: string[][]; W2: string[][] };
      const cs = "invariantsT" in s ? s.invariantsT : (s as { invariants: string[] }).invariants;
      return [...p.W1.flat(), ...p.W2.flat(), ...cs];
    });
    expect(values.length).toBe(21);
    for (const v of values) expect(new Decimal(v).isNegative(), v).toBe(false);
    expect(run.weightDecay!.predictedT).toEqual(["0"]);
    // a relative deviation measured against a prediction below the resolution would be rounding over rounding
    expect(new Decimal(run.weightDecay!.maxRelativeDeviation).lt("1e-10")).toBe(true);
  });

  it("should keep values above the resolution as computed", () => {
    const run = integrateFlow(net, data, { time: "1/100", digits: 15, weightDecay: "1" });
    // c(T) = 3e^{-2/100} = 2.94059601992026…
    expect(new Decimal(run.invariantsT[0]!).minus("2.940596019920266").abs().lt("1e-12")).toBe(true);
  });
});
