import fc from "fast-check";
import Fraction from "fraction.js";
import { describe, expect, it } from "vitest";
import { ConvergenceError } from "../../src/errors.js";
import { integrateFlow, type FlowRun } from "../../src/flow/integrateFlow.js";
import type { Activation } from "../../src/net/activation.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { runs } from "../helpers/campaign.js";

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

/** The largest number of points that one neuron holds on its surface at once, along the event log. */
function mostOnSurface(run: FlowRun): number {
  const on = new Map<string, Set<number>>();
  let most = 0;
  for (const ev of run.events) {
    const key = `${ev.layer ?? 1},${ev.neuron}`;
    const points = on.get(key) ?? new Set<number>();
    on.set(key, points);
    if (ev.kind === "slide") points.add(ev.point);
    else points.delete(ev.point);
    most = Math.max(most, points.size);
  }
  return most;
}

/** Small rationals p/q with |p| ≤ 6, q ≤ 4, as text. */
const small = fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: 1, max: 4 })).map(([p, q]) => `${p}/${q}`);
const mat = (rows: number, cols: number) =>
  fc.array(fc.array(small, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

/**
 * Random nets with every bias (d ≤ 2, a hidden layer of width ≤ 2, optionally a second of width 1) and two or
 * three points: about one in five slides before T = 1, and many of those are released again.
 */
const slidingProblem = fc
  .record({ d: fc.integer({ min: 1, max: 2 }), w: fc.integer({ min: 1, max: 2 }), n: fc.integer({ min: 2, max: 3 }), deep: fc.boolean() })
  .chain(({ d, w, n, deep }) =>
    fc.record({
      activation: fc.constantFrom<Activation>(
        { kind: "relu" },
        { kind: "leaky_relu", slope: "1/4" },
        { kind: "leaky_relu", slope: "-1/2" },
      ),
      hidden: fc.tuple(mat(w, d), mat(1, w)),
      upper: deep ? fc.tuple(mat(1, w), mat(1, 1)).map((l) => [l]) : fc.constant([]),
      out: fc.tuple(mat(1, deep ? 1 : w), mat(1, 1)),
      // distinct points: coincident ones share one surface, which the per-pair release test does not see as one
      X: fc.uniqueArray(fc.array(small, { minLength: d, maxLength: d }), {
        minLength: n,
        maxLength: n,
        selector: (row) => row.map((v) => new Fraction(v).toFraction()).join(),
      }),
      Y: mat(n, 1),
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
        // a hidden neuron with zero weights and bias starts with every point on its kink (see mostOnSurface)
        fc.pre(
          net.layers.slice(0, -1).every(({ W, b }) => W.every((row, k) => [...row, b![k]!].some((v) => new Fraction(v).valueOf() !== 0))),
        );
        let run: FlowRun;
        try {
          // 10 digits: the coarsest working precision, where a first-order term at rounding level is largest
          run = integrateFlow(net, data, { time: "1", digits: 10 });
        } catch (e) {
          // nested sliding pairs stop a deep run: nothing to check there
          if (e instanceof ConvergenceError && e.reason.startsWith("nested sliding")) return fc.pre(false);
          throw e;
        }
        fc.pre(run.events.some((ev) => ev.kind === "slide"));
        // more than d points of one neuron on its surface at once: in the first layer its weights and bias are then 0,
        // a corner where every surface of the neuron meets, which the release of one pair does not describe
        fc.pre(mostOnSurface(run) <= data.X[0]!.length);
        expect(releaseSlideCycles(run)).toBe(0);
      }),
      { numRuns: runs(200, 30), seed: 24 },
    );
  });
});
