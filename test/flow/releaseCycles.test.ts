import { describe, expect, it } from "vitest";
import { integrateFlow, type FlowRun } from "../../src/flow/integrateFlow.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";

/**
 * How often a pair is released and then slides again at the same instant: each such pair of events
 * is a cycle of the pattern that the time did not move through.
 */
function releaseSlideCycles(run: FlowRun): number {
  const released = new Map<string, number>();
  let cycles = 0;
  for (const ev of run.events) {
    const key = `${ev.layer ?? 1},${ev.neuron},${ev.point},${ev.window ?? ""}`;
    if (ev.kind === "release") released.set(key, Number(ev.t));
    else if (ev.kind === "slide" && released.get(key) === Number(ev.t)) cycles++;
  }
  return cycles;
}

// 1 → 2 → 1 → 1 leaky net (slope 1/4): neuron 1 of layer 1 slides on point 1 and neuron 1 of layer 2 on point 2; the
// latter's release at t ≈ 0.04013 comes where its one-sided ż is 0, and z leaves the surface at second order
const leaky: LayeredNetwork<string> = {
  activation: { kind: "leaky_relu", slope: "1/4" },
  layers: [
    { W: [["0"], ["1/4"]], b: ["1/100", "0"] },
    { W: [["5", "-6"]], b: ["0"] },
    { W: [["-1/2"]], b: ["-3"] },
  ],
};
const leakyData = { X: [["5/2"], ["-3/2"]], Y: [["0"], ["4/3"]] };

// 1 → 2 → 1 ReLU: neuron 2 slides on point 3 from t ≈ 0.02604 and is released at t ≈ 0.20761
const shallow: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    { W: [["2"], ["-1"]], b: ["5/4", "3/4"] },
    { W: [["-3/2", "6"]], b: ["2"] },
  ],
};
const shallowData = { X: [["-5/3"], ["-5/3"], ["1"]], Y: [["5/4"], ["1/2"], ["-4"]] };

describe("integrateFlow: a released pair leaves its surface", () => {
  it("should release the layer-2 pair once at t ≈ 0.04013 and not slide on it again at that instant", () => {
    // Act
    const run = integrateFlow(leaky, leakyData, { time: "1", digits: 20 });
    // Assert
    const releases = run.events.filter((ev) => ev.kind === "release" && ev.layer === 2);
    expect(releases.map((ev) => Number(ev.t).toPrecision(7))).toEqual(["0.04013027"]);
    expect(releaseSlideCycles(run)).toBe(0);
    expect(Number(run.maxDrift)).toBeLessThan(1e-15);
  });

  it("should release neuron 2 at point 3 once at t ≈ 0.20761 in a two-layer net", () => {
    // Act
    const run = integrateFlow(shallow, shallowData, { time: "1", digits: 20 });
    // Assert
    const releases = run.events.filter((ev) => ev.kind === "release" && ev.neuron === 1 && ev.point === 2);
    expect(releases.map((ev) => Number(ev.t).toPrecision(7))).toEqual(["0.2076104"]);
    expect(releaseSlideCycles(run)).toBe(0);
    expect(Number(run.maxDrift)).toBeLessThan(1e-15);
  });
});
