import { describe, expect, it } from "vitest";
import { reproduceConfig } from "../../src/experiments/reproduceConfig.js";
import type { ToyFlowCell } from "../../src/experiments/toyFlow.js";
import type { ToyGdCell } from "../../src/experiments/toyGradientDescent.js";
import { toySummary } from "../../src/experiments/toySummary.js";

const config = reproduceConfig("tiny", 1, "toy").toy;

const gdCell = (start: "obstructed" | "good", c0: string[], signChanges: number[], identityError: string): ToyGdCell => ({
  start,
  arith: "decimal(50)",
  c0,
  cT: c0,
  maxInvariantDrift: "1e-3",
  maxDriftIdentityError: identityError,
  loss0: "1",
  lossT: start === "obstructed" ? "0.625" : "0.001",
  signs0: [-1, -1],
  signsT: [-1, 1],
  signChanges,
  trajectory: [],
});

const flowCell = (start: "obstructed" | "good", maxDrift: string, events: number, signChanges: number[]): ToyFlowCell => ({
  start,
  method: "taylor",
  digits: 50,
  time: "50",
  maxDrift,
  loss0: "1",
  lossT: "0.5",
  invariants0: [],
  invariantsT: [],
  events,
  signChanges,
  trajectory: [],
});

describe("toySummary", () => {
  it("should count sign changes of pathological neurons only, read exactly from c₀", () => {
    // Arrange: c₀ of neuron 0 is −10⁻⁴⁰⁰, which a double rounds to −0
    const gd = {
      obstructed: gdCell("obstructed", [`-1/1${"0".repeat(400)}`, "1/2"], [0, 1], "2e-49"),
      good: gdCell("good", ["3/4", "5/8"], [0, 1], "3e-48"),
    };
    // Act
    const s = toySummary(config, { gd, flow: { obstructed: null, good: null } });
    // Assert
    expect(s.pathological).toEqual({ obstructed: [true, false], good: [false, false] });
    expect(s.results.pathologicalSignChanges).toBe(1);
    expect(s.flowReady).toBe(false);
    expect(s.flowEvents).toBeNull();
    expect(s.results.flow).toBeNull();
    expect(s.results.flowMaxDrift).toBeNull();
    expect(s.results.starts.good!.flow).toBeNull();
    expect(s.gdMaxDriftIdentityError).toBe("3e-48");
    expect([s.results.stallLoss, s.results.goodLoss]).toEqual(["0.625", "0.001"]);
  });

  it("should take the largest flow drift by value and add up the kink events of both flows", () => {
    // Arrange
    const gd = { obstructed: gdCell("obstructed", ["-3/4", "-1/2"], [], "1e-49"), good: gdCell("good", ["3/4", "5/8"], [], "1e-49") };
    const flow = { obstructed: flowCell("obstructed", "9e-50", 3, [1]), good: flowCell("good", "2e-49", 4, [0]) };
    // Act
    const s = toySummary(config, { gd, flow });
    // Assert
    expect(s.results.flowMaxDrift).toBe("2e-49");
    expect(s.flowEvents).toBe(7);
    expect(s.results.flow).toEqual({ method: "taylor", digits: config.flowDigits, time: config.flowTime });
    expect(s.results.pathologicalSignChanges).toBe(1);
  });

  it("should report the exact topology of the two toy starts", () => {
    // Arrange
    const gd = { obstructed: gdCell("obstructed", ["-3/4", "-1/2"], [], "0"), good: gdCell("good", ["3/4", "5/8"], [], "0") };
    // Act
    const { topology } = toySummary(config, { gd, flow: { obstructed: null, good: null } }).results;
    // Assert: both neurons of the obstructed start split H(c) (4 components), the good start has one
    expect([topology.obstructed.components, topology.obstructed.obstructed]).toEqual(["4", true]);
    expect([topology.good.components, topology.good.obstructed]).toEqual(["1", false]);
  });
});
