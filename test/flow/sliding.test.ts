import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { integrateFlow } from "../../src/flow/integrateFlow.js";
import { flatParams, maxDiff } from "./flowHelpers.js";

// One ReLU neuron, two points pulling z_0 = w + b in opposite directions: point 1
// (x = 2, y = 3) raises z_0, point 0 (x = 1, y = -1) lowers it only while active.
// At z_0 = 0 both one-sided fields point into the kink: the flow slides.
const net = { activation: { kind: "relu" as const }, W1: [["3"]], b1: ["-29/10"], W2: [["1"]] };
const data = { X: [["1"], ["2"]], Y: [["-1"], ["3"]] };
const ref = JSON.parse(readFileSync(fileURLToPath(new URL("./fixtures/sliding.json", import.meta.url)), "utf8")) as { slideStart: string; theta: string[] };

describe("integrateFlow (sliding mode)", () => {
  it("should start sliding where the independent mpmath reference does, to 25 digits, and follow the Filippov flow to T", () => {
    // Arrange: fixtures/sliding.json from fixtures/sliding_reference.py (hand-derived sliding field, mpmath odefun at 50 digits)
    // Act
    const run = integrateFlow(net, data, { time: "3", digits: 30, samples: 7 });
    // Assert
    expect(run.events.map((ev) => [ev.neuron, ev.point, ev.kind])).toEqual([[0, 0, "slide"]]);
    expect(Math.abs(new Decimal(run.events[0]!.t).minus(ref.slideStart).toNumber())).toBeLessThan(1e-25);
    expect(maxDiff(flatParams(run.params), ref.theta)).toBeLessThan(1e-25);
    expect(Number(run.maxDrift)).toBeLessThan(1e-35);
  });

  it("should keep z = 0 while sliding and conserve c_k there", () => {
    const run = integrateFlow(net, data, { time: "3", digits: 40, samples: 7 });
    const slideAt = Number(run.events[0]!.t);
    for (const s of run.samples.filter((x) => Number(x.t) > slideAt)) {
      const p = s.params as { W1: string[][]; b1: string[] };
      expect(Math.abs(new Decimal(p.W1[0]![0]!).plus(p.b1[0]!).toNumber())).toBeLessThan(1e-38);
      expect(Math.abs(new Decimal(s.invariants[0]!).minus(run.invariants0[0]!).toNumber())).toBeLessThan(1e-35);
    }
  });

  it("should not slide with gauss, which reads the pattern from the sign of z, yet gauss still conserves c_k", () => {
    const run = integrateFlow(net, data, { time: "1/4", digits: 30, method: "gauss" });
    expect(Number(run.maxDrift)).toBeLessThan(1e-25);
  });
});
