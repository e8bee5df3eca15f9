import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { integrateFlow, type FlowRun } from "../../src/flow/integrateFlow.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { readAnyNetworkFile } from "../../src/net/readAnyNetworkFile.js";
import { readDataset } from "../../src/net/readDataset.js";
import { maxDiff } from "./flowHelpers.js";

// examples/deep-sliding.json with a leaky activation of slope s: a slope above 1 puts σ′ below the
// kink above σ′ above it (s− > s+), a negative one makes σ non-monotone. The Taylor flow's sliding
// release must hold for either order of the two slopes; Gauss–Legendre, which reads the pattern from
// the sign of z and chatters across a sliding surface, converges to the same trajectory as its step shrinks.
const base = readAnyNetworkFile("examples/deep-sliding.json") as LayeredNetwork<string>;
const data = readDataset(readFileSync("examples/deep-sliding.csv", "utf8"), 2, 1);
const leaky = (slope: string): LayeredNetwork<string> => ({ ...base, activation: { kind: "leaky_relu", slope } });

/** Every parameter of a deep run, in layout order. */
function layerParams(run: FlowRun): string[] {
  return (run.params as { layers: { W: string[][]; b?: string[] }[] }).layers.flatMap(({ W, b }) => [...W.flat(), ...(b ?? [])]);
}

const D = 15;
const GL_DIGITS = 10;

describe("integrateFlow with leaky slopes on either side of 1 (s− > s+ above 1)", () => {
  it.each([
    // slope, T, the first event's kind
    ["3", "1/4", "slide"],
    ["-2", "1/4", "leave"],
    ["1/2", "1/2", "leave"],
  ])(
    "should agree with Gauss–Legendre for slope %s: c kept by both to 10^−(D−5), θ(T) to the accuracy of the Gauss–Legendre step",
    (slope, time, first) => {
      // Act
      const taylor = integrateFlow(leaky(slope), data, { time, digits: D });
      const gauss = integrateFlow(leaky(slope), data, { time, digits: GL_DIGITS, method: "gauss", steps: 200 });
      // Assert: the slide (slope 3 stalled here, the release test assuming s− ≤ s+) is held, every c kept
      expect(taylor.events[0]!.kind).toBe(first);
      expect(maxDiff(taylor.invariants0, taylor.invariantsT)).toBeLessThan(10 ** -(D - 5));
      expect(maxDiff(gauss.invariants0, gauss.invariantsT)).toBeLessThan(10 ** -(GL_DIGITS - 5));
      expect(maxDiff(layerParams(taylor), layerParams(gauss))).toBeLessThan(5e-3);
    },
  );

  it("should slide with slope 3 and converge to it under Gauss–Legendre as the step is cut by four", () => {
    // Act
    const taylor = integrateFlow(leaky("3"), data, { time: "1/4", digits: D });
    const errors = [100, 400].map((steps) =>
      maxDiff(
        layerParams(taylor),
        layerParams(integrateFlow(leaky("3"), data, { time: "1/4", digits: GL_DIGITS, method: "gauss", steps })),
      ),
    );
    // Assert: a first-order chatter across the surface: four times the steps, under half the error
    expect(taylor.events.map((ev) => [ev.layer, ev.neuron, ev.point, ev.kind])).toEqual([[2, 1, 0, "slide"]]);
    expect(errors[1]!).toBeLessThan(errors[0]! / 2);
  });

  // |s| ≤ 3: a steeper slope makes the field stiff enough that the stage iteration of 200 Gauss–Legendre steps diverges
  it("should reach T for any leaky slope, keep every c_{l,k} and stay within the Gauss–Legendre accuracy", () => {
    // any slope in [−3, 3] but 1, and half the draws above 5/2, where this net slides before T = 1/4
    const slope = fc
      .oneof(
        fc.tuple(fc.integer({ min: -12, max: 12 }), fc.integer({ min: 1, max: 4 })).filter(([p, q]) => p !== q && Math.abs(p) <= 3 * q),
        fc.tuple(fc.integer({ min: 20, max: 24 }), fc.constant(8)),
      )
      .map(([p, q]) => `${p}/${q}`);
    fc.assert(
      fc.property(slope, (s) => {
        const taylor = integrateFlow(leaky(s), data, { time: "1/4", digits: D });
        const gauss = integrateFlow(leaky(s), data, { time: "1/4", digits: GL_DIGITS, method: "gauss", steps: 200 });
        expect(maxDiff(taylor.invariants0, taylor.invariantsT)).toBeLessThan(10 ** -(D - 5));
        expect(maxDiff(gauss.invariants0, gauss.invariantsT)).toBeLessThan(10 ** -(GL_DIGITS - 5));
        expect(maxDiff(layerParams(taylor), layerParams(gauss))).toBeLessThan(5e-3);
      }),
      { numRuns: 4, examples: [["11/4"]] },
    );
  });
});
