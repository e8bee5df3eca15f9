import fc from "fast-check";
import { Decimal } from "decimal.js";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { integrateFlow, type FlowOptions } from "../../src/flow/integrateFlow.js";
import { readDataset } from "../../src/net/readDataset.js";
import { readNetwork } from "../../src/net/readNetwork.js";
import { datasetIn } from "../../src/net/datasetIn.js";
import { loss } from "../../src/net/loss.js";
import { networkIn } from "../../src/net/networkIn.js";
import { neuronInvariants } from "../../src/invariants/neuronInvariants.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { flatParams, invariantChange, maxDiff, smallFlowProblem } from "./flowHelpers.js";
import { runs } from "../helpers/campaign.js";

const path = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const benchNet = readNetwork(readFileSync(path("../../bench/flow/net.json"), "utf8"));
const benchData = readDataset(readFileSync(path("../../bench/flow/data.csv"), "utf8"), 2, 1);

describe("integrateFlow", () => {
  it("should conserve every c_k to 10^-(D-5) at D = 40 with taylor and gauss on random small networks", { tags: ["long"] }, () => {
    fc.assert(
      fc.property(smallFlowProblem(), fc.constantFrom<"taylor" | "gauss">("taylor", "gauss"), ({ net, data }, method) => {
        const run = integrateFlow(net, data, { time: "1/8", digits: 40, method });
        expect(Number(run.maxDrift)).toBeLessThanOrEqual(1e-35);
        expect(invariantChange(run)).toBeLessThanOrEqual(1e-35);
      }),
      { numRuns: runs(8, 3) },
    );
  });

  it("should report a much larger drift for rk4 than for taylor and gauss", () => {
    const options: FlowOptions = { time: "1", digits: 40 };
    const rk4 = integrateFlow(benchNet, benchData, { ...options, method: "rk4", steps: 100 });
    const taylor = integrateFlow(benchNet, benchData, options);
    expect(Number(rk4.maxDrift)).toBeGreaterThan(1e-12);
    expect(Number(taylor.maxDrift)).toBeLessThan(1e-35);
  });

  it("should converge: the endpoints at D and D + 30 digits agree to D - 5 digits", { tags: ["long"] }, () => {
    fc.assert(
      fc.property(smallFlowProblem(), ({ net, data }) => {
        const low = integrateFlow(net, data, { time: "1/4", digits: 25 });
        const high = integrateFlow(net, data, { time: "1/4", digits: 55 });
        expect(maxDiff(flatParams(low.params), flatParams(high.params))).toBeLessThanOrEqual(1e-20);
        expect(low.events.map((ev) => [ev.neuron, ev.point, ev.kind])).toEqual(high.events.map((ev) => [ev.neuron, ev.point, ev.kind]));
      }),
      { numRuns: runs(10, 4) },
    );
  });

  it("should never change the output-weight sign of a pathological neuron (c_k < 0, scalar output)", () => {
    fc.assert(
      fc.property(smallFlowProblem(), ({ net, data }) => {
        const run = integrateFlow(net, data, { time: "1/2", digits: 20 });
        const pathological = run.invariants0.flatMap((c, k) => (Number(c) < 0 ? [k] : []));
        for (const k of pathological) expect(run.signChanges).not.toContain(k);
      }),
      { numRuns: 10 },
    );
  });

  it("should agree with gauss to D - 5 digits inside one activation region", { tags: ["long"] }, () => {
    let checked = 0;
    fc.assert(
      fc.property(smallFlowProblem(), ({ net, data }) => {
        const taylor = integrateFlow(net, data, { time: "1/16", digits: 30 });
        fc.pre(taylor.events.length === 0);
        const gauss = integrateFlow(net, data, { time: "1/16", digits: 30, method: "gauss" });
        // gauss reads the pattern from the sign of z: a point exactly on a kink at t = 0 is a different problem for it
        checked++;
        expect(maxDiff(flatParams(taylor.params), flatParams(gauss.params))).toBeLessThanOrEqual(1e-25);
      }),
      { numRuns: runs(6, 3) },
    );
    expect(checked).toBeGreaterThan(2);
  });

  it("should agree across kinks with an independent region-by-region mpmath reference to 25 digits (endpoint and event times)", () => {
    // Arrange: test/flow/fixtures/bench-regions-30.json, made by bench/flow_mpmath.py (regions mode) at 30 digits.
    const ref = JSON.parse(readFileSync(path("./fixtures/bench-regions-30.json"), "utf8")) as {
      theta: string[];
      events: [string, number, number][];
    };
    // Act
    const run = integrateFlow(benchNet, benchData, { time: "1", digits: 30 });
    // Assert
    expect(maxDiff(flatParams(run.params), ref.theta)).toBeLessThan(1e-25);
    expect(run.events.map((ev) => [ev.neuron, ev.point])).toEqual(ref.events.map(([, k, i]) => [k, i]));
    expect(
      maxDiff(
        run.events.map((ev) => ev.t),
        ref.events.map(([t]) => t),
      ),
    ).toBeLessThan(1e-25);
    expect(run.events.map((ev) => ev.kind)).toEqual(["leave", "leave"]);
  });

  it("should agree across kinks with gauss at a fine step to the accuracy gauss has there", () => {
    const taylor = integrateFlow(benchNet, benchData, { time: "1", digits: 20 });
    const gauss = integrateFlow(benchNet, benchData, { time: "1", digits: 20, method: "gauss", steps: 200 });
    const coarse = integrateFlow(benchNet, benchData, { time: "1", digits: 20, method: "gauss", steps: 20 });
    const fine = maxDiff(flatParams(taylor.params), flatParams(gauss.params));
    expect(fine).toBeLessThan(1e-4);
    // and the gap closes as gauss refines its step (first order across a kink)
    expect(fine).toBeLessThan(maxDiff(flatParams(taylor.params), flatParams(coarse.params)) / 4);
  });

  it("should place every event where the pre-activation of gauss (which knows nothing of events) vanishes", () => {
    const run = integrateFlow(benchNet, benchData, { time: "1", digits: 40 });
    const ev = run.events[0]!;
    // gauss from 0 to the event time stays inside the first region: z there must be 0 to the event's precision
    const gauss = integrateFlow(benchNet, benchData, { time: ev.t, digits: 40, method: "gauss", steps: 4 });
    const p = gauss.params as { W1: string[][]; b1: string[] };
    const zHigh = [...p.W1[ev.neuron]!, p.b1[ev.neuron]!];
    const xt = [...benchData.X[ev.point]!, "1"];
    expect(Math.abs(dotText(zHigh, xt))).toBeLessThan(1e-33);
  });

  it("should sample at K equally spaced times from 0 to T, the last equal to the endpoint", () => {
    const run = integrateFlow(benchNet, benchData, { time: "1", digits: 20, samples: 3 });
    expect(run.samples.map((s) => Number(s.t))).toEqual([0, 0.5, 1]);
    expect(run.samples[2]!.params).toEqual(run.params);
    expect(run.samples[0]!.invariants.map(Number)).toEqual(run.invariants0.map(Number));
    expect(Number(run.samples[1]!.loss)).toBeLessThan(Number(run.loss0));
  });

  it("should print the loss and every c_k at t = 0 as their exact values rounded once (half to even) to D digits", () => {
    fc.assert(
      fc.property(
        smallFlowProblem(),
        fc.integer({ min: 10, max: 60 }),
        fc.constantFrom<"mse" | "sse-mean">("mse", "sse-mean"),
        ({ net, data }, digits, kind) => {
          const run = integrateFlow(net, data, { time: "1/1000", digits, loss: kind });
          // the oracle: exact rationals, divided once by decimal.js at D digits
          const D = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 60 });
          const text = (r: Rational): string => new D((r.s * r.n).toString()).div(new D(r.d.toString())).toString();
          const exactNet = networkIn(net, exact);
          expect(run.loss0).toBe(text(loss(exactNet, datasetIn(data, exact), exact, kind)));
          expect(run.invariants0).toEqual(neuronInvariants(exactNet, exact).map(text));
        },
      ),
      { numRuns: runs(40, 10) },
    );
  });

  it.each(["rk4", "gauss"] as const)(
    "should take the same %s steps with samples as without: a sample equals the run stopped there",
    (method) => {
      // 40 steps over [0, 1/2] either way: the sample at 1/2 of an 80-step run to 1, or the end of a 40-step run to 1/2
      const sampled = integrateFlow(benchNet, benchData, { time: "1", digits: 20, method, steps: 80, samples: 3 });
      const half = integrateFlow(benchNet, benchData, { time: "1/2", digits: 20, method, steps: 40 });
      expect(maxDiff(flatParams(sampled.samples[1]!.params), flatParams(half.params))).toBeLessThan(1e-18);
      const whole = integrateFlow(benchNet, benchData, { time: "1", digits: 20, method, steps: 80 });
      expect(maxDiff(flatParams(sampled.params), flatParams(whole.params))).toBeLessThan(1e-18);
    },
  );

  it("should integrate binary cross-entropy with taylor and gauss alike, conserving c_k", () => {
    const data = { X: benchData.X, Y: benchData.Y.map((y) => [Number(y[0]) > 0 ? "1" : "0"]) };
    const taylor = integrateFlow(benchNet, data, { time: "1/32", digits: 30, loss: "bce" });
    const gauss = integrateFlow(benchNet, data, { time: "1/32", digits: 30, loss: "bce", method: "gauss" });
    expect(taylor.events.length).toBe(0);
    expect(maxDiff(flatParams(taylor.params), flatParams(gauss.params))).toBeLessThan(1e-25);
    expect(Number(taylor.maxDrift)).toBeLessThan(1e-25);
    expect(Number(taylor.lossT)).toBeLessThan(Number(taylor.loss0));
  });

  it("should reject T <= 0, digits outside [10, 1000] and unknown methods", () => {
    expect(() => integrateFlow(benchNet, benchData, { time: "0" })).toThrow(InputError);
    expect(() => integrateFlow(benchNet, benchData, { time: "-1/2" })).toThrow(InputError);
    expect(() => integrateFlow(benchNet, benchData, { time: "1", digits: 9 })).toThrow(InputError);
    expect(() => integrateFlow(benchNet, benchData, { time: "1", digits: 1001 })).toThrow(InputError);
    expect(() => integrateFlow(benchNet, benchData, { time: "1", method: "euler" as "rk4" })).toThrow(/invalid method/);
  });
});

/** a·b at 120 digits for decimal texts a and rational texts b ("1/2"). */
function dotText(a: string[], b: string[]): number {
  const Dh = Decimal.clone({ precision: 120 });
  const value = (t: string): Decimal => (t.includes("/") ? new Dh(t.split("/")[0]!).div(t.split("/")[1]!) : new Dh(t));
  return a.reduce((s, v, i) => s.plus(value(v).times(value(b[i]!))), new Dh(0)).toNumber();
}
