import fc from "fast-check";
import { Decimal } from "decimal.js";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConvergenceError, InputError } from "../../src/errors.js";
import { integrateFlow } from "../../src/flow/integrateFlow.js";
import { readDataset } from "../../src/net/readDataset.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { readNetwork } from "../../src/net/readNetwork.js";
import { flatParams, maxDiff, smallFlowProblem } from "./flowHelpers.js";
import { twoLayer } from "../helpers/twoLayer.js";

const path = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const toyNet = readNetwork(readFileSync(path("../../examples/toy.json"), "utf8"));
const toyData = readDataset(readFileSync(path("../../examples/toy.csv"), "utf8"), 2, 1);
const D = Decimal.clone({ precision: 80 });
const lambdaArb = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 })).map(([p, q]) => `${p}/${q}`);

describe("integrateFlow with weight decay", () => {
  it("should follow c_k(T) = c_k(0)e^{-2λT} to 10^-(D-5) on random small networks (oracle: decimal.js exp of the exact start)", () => {
    fc.assert(
      fc.property(smallFlowProblem(), lambdaArb, ({ net, data }, lambda) => {
        // Act
        const run = integrateFlow(net, data, { time: "1/4", digits: 20, weightDecay: lambda });
        // Assert: the law, computed here from c_k(0) and λ alone
        const factor = D.exp(new D(-2).times(new D(lambda.split("/")[0]!).div(lambda.split("/")[1]!)).times("0.25"));
        run.invariantsT.forEach((c, k) => {
          const predicted = new D(run.invariants0[k]!).times(factor);
          expect(new D(c).minus(predicted).abs().toNumber()).toBeLessThanOrEqual(1e-15);
          expect(new D(run.weightDecay!.predictedT[k]!).minus(predicted).abs().toNumber()).toBeLessThanOrEqual(1e-18);
        });
        expect(Number(run.maxDrift)).toBeLessThanOrEqual(1e-15);
      }),
      { numRuns: 6 },
    );
  });

  it("should shrink c_k toward 0 without changing its sign, where the plain flow keeps it", () => {
    const plain = integrateFlow(toyNet, toyData, { time: "1", digits: 30 });
    const decayed = integrateFlow(toyNet, toyData, { time: "1", digits: 30, weightDecay: "1/10" });
    expect(plain.invariantsT.map(Number)).toEqual([3.875, -5.5]);
    expect(decayed.invariantsT.map((c) => Number(c).toFixed(12))).toEqual([3.875, -5.5].map((c) => (c * Math.exp(-0.2)).toFixed(12)));
    expect(Number(decayed.weightDecay!.maxRelativeDeviation)).toBeLessThan(1e-30);
  });
});

describe("integrateFlow with heavy-ball momentum", () => {
  it("should obey c'' + γc' = 2(|w'|² - |a'|²) to 10^-(D-5) across kink events", () => {
    // Arrange: toy from rest, γ = 1/2, T = 3 crosses two kinks
    const run = integrateFlow(toyNet, toyData, { time: "3", digits: 30, momentum: "1/2", samples: 4 });
    // Assert
    expect(run.events.map((ev) => [ev.neuron, ev.point, ev.kind])).toEqual([
      [1, 2, "leave"],
      [0, 1, "leave"],
    ]);
    expect(Number(run.momentum!.maxIdentityResidual)).toBeLessThanOrEqual(1e-25);
    for (const s of run.samples) for (const r of s.identityResidual!) expect(Math.abs(Number(r))).toBeLessThanOrEqual(1e-25);
    // c is not conserved: it moved far more than the residual
    expect(Math.abs(Number(run.invariantsT[1]) - -5.5)).toBeGreaterThan(1);
    expect(run.momentum!.outputSign).toEqual(["unchanged", "unchanged"]);
  });

  it("should converge: θ(T) and v(T) at D = 25 and D = 50 agree to 10^-20, events included", () => {
    const low = integrateFlow(toyNet, toyData, { time: "3", digits: 25, momentum: "1/2" });
    const high = integrateFlow(toyNet, toyData, { time: "3", digits: 50, momentum: "1/2" });
    expect(maxDiff(flatParams(low.params), flatParams(high.params))).toBeLessThanOrEqual(1e-20);
    expect(maxDiff(flatParams(low.momentum!.velocity), flatParams(high.momentum!.velocity))).toBeLessThanOrEqual(1e-20);
    expect(
      maxDiff(
        low.events.map((e) => e.t),
        high.events.map((e) => e.t),
      ),
    ).toBeLessThanOrEqual(1e-20);
  });

  it("should agree with an independent mpmath Taylor solution (odefun, 45 digits) to 25 digits on a linear net", () => {
    // Arrange: test/flow/fixtures/heavy-ball-linear-45.json, made by heavy_ball_reference.py beside it
    const ref = JSON.parse(readFileSync(path("./fixtures/heavy-ball-linear-45.json"), "utf8")) as { theta: string[]; velocity: string[] };
    const net: LayeredNetwork<string> = { ...toyNet, activation: { kind: "linear" } };
    // Act
    const run = integrateFlow(net, toyData, { time: "1", digits: 30, momentum: "1/2" });
    // Assert
    expect(maxDiff(flatParams(run.params), ref.theta)).toBeLessThan(1e-25);
    expect(maxDiff(flatParams(run.momentum!.velocity), ref.velocity)).toBeLessThan(1e-25);
  });

  it("should match the closed form of a linear one-neuron net without data pull (θ'' + γθ' = 0 from rest: θ constant)", () => {
    // A point at x = 0 with target 0 and no output bias gives ∇L = 0: the ball never moves.
    const net: LayeredNetwork<string> = twoLayer({ activation: { kind: "linear" }, W1: [["1/2"]], W2: [["-3"]] });
    const run = integrateFlow(net, { X: [["0"]], Y: [["0"]] }, { time: "2", digits: 20, momentum: "1" });
    expect(flatParams(run.params)).toEqual(["0.5", "-3"]);
    expect(flatParams(run.momentum!.velocity).map(Number)).toEqual([0, 0]);
  });

  it("should certify a sign change of a pathological output weight (c = -5 < 0) and agree with gradient flow, which keeps it", () => {
    // Arrange: the shrunk counterexample of the claim momentum-keeps-pathological-sign
    const net: LayeredNetwork<string> = twoLayer({ activation: { kind: "relu" }, W1: [["-2"]], W2: [["3"]] });
    const data = { X: [["-1"]], Y: [["0"]] };
    // Act
    const heavy = integrateFlow(net, data, { time: "2", digits: 20, momentum: "0" });
    const plain = integrateFlow(net, data, { time: "2", digits: 20 });
    // Assert
    expect(heavy.momentum!.outputSign).toEqual(["changed"]);
    expect(heavy.signChanges).toEqual([0]);
    expect(Number((heavy.params as { W2: string[][] }).W2[0]![0])).toBeLessThan(0);
    expect(plain.signChanges).toEqual([]);
  });

  it("should stop with a ConvergenceError when it starts at rest on a kink whose sides disagree", () => {
    // z = 3x − 3 = 0 at x = 1: the active side pulls z down (target −1), the inactive side does not move it
    const net: LayeredNetwork<string> = twoLayer({ activation: { kind: "relu" }, W1: [["3"]], b1: ["-3"], W2: [["1"]] });
    expect(() => integrateFlow(net, { X: [["1"]], Y: [["-1"]] }, { time: "1", digits: 20, momentum: "1" })).toThrow(ConvergenceError);
  });
});

describe("integrateFlow: options of the new dynamics", () => {
  it.each([
    [{ method: "rk4" as const, weightDecay: "1" }, "invalid method. Must be taylor, the only method with weight decay. Value: `rk4`."],
    [{ method: "gauss" as const, momentum: "1" }, "invalid method. Must be taylor, the only method with momentum. Value: `gauss`."],
    [
      { momentum: "1", weightDecay: "1" },
      "invalid momentum. Must be absent when a weight decay is given (one dynamics at a time). Value: `1`.",
    ],
    [{ weightDecay: "-1/2" }, "invalid weightDecay. Must be a number in [0, 1000000]. Value: `-1/2`."],
  ])("should refuse %j", (extra, message) => {
    const act = (): unknown => integrateFlow(toyNet, toyData, { time: "1", digits: 20, ...extra });
    expect(act).toThrow(InputError);
    expect(act).toThrow(message);
  });

  it("should refuse a data value above about 10^49 before any work", () => {
    const data = { X: [["1e999", "0"]], Y: [["1"]] };
    expect(() => integrateFlow(toyNet, data, { time: "1" })).toThrow(
      "invalid data. Must be values below about 10^49 in magnitude for the flow integrators. Value: `X[0][0] = 1e999`.",
    );
  });
});
