import fc from "fast-check";
import Fraction from "fraction.js";
import { describe, expect, it } from "vitest";
import { ConvergenceError } from "../../src/errors.js";
import { integrateFlow, type FlowRun } from "../../src/flow/integrateFlow.js";
import type { Activation } from "../../src/net/activation.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { runs } from "../helpers/campaign.js";
import { expectDescentLimit } from "../helpers/descentGap.js";
import { rationalMatrix, smallRational } from "./flowHelpers.js";

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

// 1 → 2 → 1 → 1 leaky net (slope 1/4): neuron 1 of layer 1 slides on point 1 until neuron 1 of layer 2 starts to
// slide on point 2 (t ≈ 0.02857), which releases it at once; the layer-2 pair is released at t ≈ 0.04487
const leaky: LayeredNetwork<string> = {
  activation: { kind: "leaky_relu", slope: "1/4" },
  layers: [
    { W: [["0"], ["1/4"]], b: ["1/100", "0"] },
    { W: [["5", "-6"]], b: ["0"] },
    { W: [["-1/2"]], b: ["-3"] },
  ],
};
const leakyData = { X: [["5/2"], ["-3/2"]], Y: [["0"], ["4/3"]] };

// 1 → 2 → 1 ReLU: neuron 2 slides on points 1 to 3 from t ≈ 0.01604 and 0.02604 to T; at t ≈ 0.20761 the weights
// that hold them turn over (their back changes sign), which is no release
const shallow: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    { W: [["2"], ["-1"]], b: ["5/4", "3/4"] },
    { W: [["-3/2", "6"]], b: ["2"] },
  ],
};
const shallowData = { X: [["-5/3"], ["-5/3"], ["1"]], Y: [["5/4"], ["1/2"], ["-4"]] };

// 2 → 1 → 1 → 1 ReLU: the layer-1 neuron slides on point 1 from t ≈ 0.00246 to T (at t ≈ 0.29258 its weight turns over)
const deep: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    { W: [["5/4", "3/4"]], b: ["-3/2"] },
    { W: [["6"]], b: ["2"] },
    { W: [["-5/3"]], b: ["-5/3"] },
  ],
};
const deepData = {
  X: [
    ["1", "5/4"],
    ["1/2", "-4"],
  ],
  Y: [["1/2"], ["0"]],
};

describe("integrateFlow: a released pair leaves its surface", () => {
  it("should release the layer-2 pair once at t ≈ 0.04487 and not slide on it again at that instant", () => {
    // Act
    const run = integrateFlow(leaky, leakyData, { time: "1", digits: 20 });
    // Assert
    const releases = run.events.filter((ev) => ev.kind === "release" && ev.layer === 2);
    expect(releases.map((ev) => Number(ev.t).toPrecision(7))).toEqual(["0.04486756"]);
    expect(releaseSlideCycles(run)).toBe(0);
    expect(Number(run.maxDrift)).toBeLessThan(1e-15);
    // the limit of gradient descent (a release at t ≈ 0.04013 left a gap of 0.0012 that did not shrink)
    expectDescentLimit(leaky, leakyData, run, 1, [20_000, 40_000], 1e-3);
  });

  it("should hold neuron 2 on point 3 from t ≈ 0.02604 to T in a two-layer net, through the turn of its weight", () => {
    // Act
    const run = integrateFlow(shallow, shallowData, { time: "1", digits: 20 });
    // Assert: descent stays on the kink to T as well (a release at the turn left a gap of 0.07)
    const pair = run.events.filter((ev) => ev.neuron === 1 && ev.point === 2);
    expect(pair.map((ev) => [ev.kind, Number(ev.t).toPrecision(7)])).toEqual([
      ["enter", "0.004442795"],
      ["slide", "0.02604287"],
    ]);
    expect(releaseSlideCycles(run)).toBe(0);
    expect(Number(run.maxDrift)).toBeLessThan(1e-15);
    expectDescentLimit(shallow, shallowData, run, 1, [10_000, 20_000], 1e-3);
  });

  it("should run through the turn at 10 digits, where cycling at it hit the stall limit, with the events of 20 digits", () => {
    // Act
    const coarse = integrateFlow(deep, deepData, { time: "1", digits: 10 });
    const fine = integrateFlow(deep, deepData, { time: "1", digits: 20 });
    // Assert: one slide to T, at the same time to 10 digits, on descent's path (a release at the turn left a gap of 0.13)
    const log = (run: FlowRun) => run.events.map((ev) => [ev.layer, ev.neuron, ev.point, ev.kind, Number(ev.t).toPrecision(9)]);
    expect(log(coarse)).toEqual(log(fine));
    expect(log(fine).map((ev) => ev.slice(0, 4))).toEqual([[1, 0, 0, "slide"]]);
    expect(Number(coarse.maxDrift)).toBeLessThan(1e-13);
    expectDescentLimit(deep, deepData, fine, 1, [20_000, 40_000], 1e-3);
  });
});

/**
 * Whether two points of one neuron start to slide at the same instant: their pairs share one surface there (a
 * layer below maps both points to the same values, or a first-layer neuron's weights and bias are all 0), a
 * surface that the release of one pair does not describe.
 */
function slidesTogether(run: FlowRun): boolean {
  const starts = run.events.filter((ev) => ev.kind === "slide").map((ev) => `${ev.layer ?? 1},${ev.neuron},${ev.t}`);
  return new Set(starts).size < starts.length;
}

/**
 * Random nets with every bias (two inputs, a hidden layer of width ≤ 2, optionally a second of width 1) and two
 * distinct points: about one in six slides before T = 1, and many of those are released again. With no more
 * points than inputs a first-layer neuron cannot reach the corner where its weights and bias are all 0 and every
 * point sits on its kink at once, which the release of one pair does not describe.
 */
const slidingProblem = fc
  .record({ w: fc.integer({ min: 1, max: 2 }), deep: fc.boolean() })
  .chain(({ w, deep }) =>
    fc.record({
      activation: fc.constantFrom<Activation>(
        { kind: "relu" },
        { kind: "leaky_relu", slope: "1/4" },
        { kind: "leaky_relu", slope: "-1/2" },
      ),
      hidden: fc.tuple(rationalMatrix(w, 2), rationalMatrix(1, w)),
      upper: deep ? fc.tuple(rationalMatrix(1, w), rationalMatrix(1, 1)).map((l) => [l]) : fc.constant([]),
      out: fc.tuple(rationalMatrix(1, deep ? 1 : w), rationalMatrix(1, 1)),
      // distinct points: coincident ones share one surface, which the per-pair release test does not see as one
      X: fc.uniqueArray(fc.array(smallRational, { minLength: 2, maxLength: 2 }), {
        minLength: 2,
        maxLength: 2,
        selector: (row) => row.map((v) => new Fraction(v).toFraction()).join(),
      }),
      Y: rationalMatrix(2, 1),
    }),
  )
  .map(({ activation, hidden, upper, out, X, Y }) => ({
    net: { activation, layers: [hidden, ...upper, out].map(([W, b]) => ({ W, b: b[0]! })) } as LayeredNetwork<string>,
    data: { X, Y },
  }));

describe("integrateFlow: no pair is released and held again at one instant", () => {
  it("should never log a release and a slide of one pair at the same time on random nets that slide", { tags: ["long"] }, () => {
    fc.assert(
      fc.property(slidingProblem, ({ net, data }) => {
        // a hidden neuron with zero weights and bias starts at that corner
        fc.pre(
          net.layers.slice(0, -1).every(({ W, b }) => W.every((row, k) => [...row, b![k]!].some((v) => new Fraction(v).valueOf() !== 0))),
        );
        let run: FlowRun;
        try {
          // 10 digits: the coarsest working precision, where a first-order term at rounding level is largest
          run = integrateFlow(net, data, { time: "1", digits: 10 });
        } catch (e) {
          // nested sliding pairs stop a deep run, as does a surface that turns to repel and a corner of more kinks
          // than the rules decide (the flow is not unique there, test/flow/slidingWeight.test.ts and
          // cornerStops.test.ts): nothing to check there
          if (
            e instanceof ConvergenceError &&
            (e.reason.endsWith("which the integrator does not decide") || e.reason.endsWith("which no rule of the flow decides"))
          )
            return fc.pre(false);
          throw e;
        }
        fc.pre(run.events.some((ev) => ev.kind === "slide") && !slidesTogether(run));
        expect(releaseSlideCycles(run)).toBe(0);
      }),
      { numRuns: runs(200, 30), seed: 1 },
    );
  });
});
