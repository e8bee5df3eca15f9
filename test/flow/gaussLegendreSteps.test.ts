import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConvergenceError } from "../../src/errors.js";
import { integrateFlow, type FlowRun } from "../../src/flow/integrateFlow.js";
import { readDataset } from "../../src/net/readDataset.js";
import { readNetwork } from "../../src/net/readNetwork.js";
import { runs } from "../helpers/campaign.js";
import { flatParams, invariantChange, maxDiff, smallFlowProblem } from "./flowHelpers.js";

// One neuron whose stage points leave its region on long steps: the stage iteration then swings between patterns.
const net = readNetwork('{"activation":"relu","W1":[["2","-1"]],"b1":["-3/2"],"W2":[["5"]],"b2":["-1/4"]}');
const data = readDataset("x1,x2,y\n0,-2,1\n", 2, 1);
const D = 20;

describe("gaussLegendreFlow steps", () => {
  it.each([2, 3, 4, 5])(
    "should never take a step whose stage equations are not solved: %i steps to T = 1/8 keep c and track the Taylor flow",
    (steps) => {
      // Arrange: the Taylor flow (no kink on this path) is the reference
      const taylor = integrateFlow(net, data, { time: "1/8", digits: D });
      // Act
      const gauss = integrateFlow(net, data, { time: "1/8", digits: D, method: "gauss", steps });
      // Assert: 4 steps once ended with c = 20.31 from −17.75 (drift 38), exit 0; halved steps keep c to the last digits
      expect(gauss.invariants0).toEqual(["-17.75"]);
      expect(invariantChange(gauss)).toBeLessThan(10 ** -(D - 5));
      expect(Number(gauss.maxDrift)).toBeLessThan(10 ** -(D - 5));
      // steps cut to at least 1/128 have the accuracy of Gauss–Legendre at that step (order 10 here)
      expect(maxDiff(flatParams(taylor.params), flatParams(gauss.params))).toBeLessThan(1e-9);
    },
  );

  it("should reach D digits with the default step count on that case", () => {
    const taylor = integrateFlow(net, data, { time: "1/8", digits: D });
    const gauss = integrateFlow(net, data, { time: "1/8", digits: D, method: "gauss" });
    expect(maxDiff(flatParams(taylor.params), flatParams(gauss.params))).toBeLessThan(10 ** -(D - 2));
  });

  it("should stop with a ConvergenceError naming t when even the halved steps do not converge", () => {
    // one step over T = 50: 2^8 sub-steps are still far past the field's Lipschitz constant
    const run = (): FlowRun => integrateFlow(net, data, { time: "50", digits: D, method: "gauss", steps: 1 });
    expect(run).toThrow(ConvergenceError);
    expect(run).toThrow(
      /^gauss: the stage equations do not converge on a step of length [\d.e-]+ \(the step cut 8 times\) at t = 0; raise steps$/,
    );
  });

  it("should reach D digits across kinks on random small networks, or stop with a ConvergenceError", { tags: ["long"] }, () => {
    let compared = 0;
    fc.assert(
      fc.property(smallFlowProblem(), ({ net: n, data: d }) => {
        let taylor: FlowRun;
        try {
          taylor = integrateFlow(n, d, { time: "1/16", digits: D });
        } catch (e) {
          fc.pre(!(e instanceof ConvergenceError));
          throw e;
        }
        let gauss: FlowRun;
        try {
          gauss = integrateFlow(n, d, { time: "1/16", digits: D, method: "gauss" });
        } catch (e) {
          // the only allowed failure: one line, exit 3, never a wrong endpoint
          expect(e).toBeInstanceOf(ConvergenceError);
          return;
        }
        expect(Number(gauss.maxDrift)).toBeLessThan(10 ** -(D - 5));
        // along a slide Gauss–Legendre is first order (documented); across transversal kinks it keeps D digits
        // (a point that starts on a kink is a different problem for it: it reads the pattern from the sign of z)
        if (taylor.events.some((ev) => ev.kind === "slide" || ev.kind === "release" || ev.t === "0")) return;
        compared++;
        expect(maxDiff(flatParams(taylor.params), flatParams(gauss.params))).toBeLessThan(10 ** -(D - 5));
      }),
      { numRuns: runs(40, 8), seed: 7 },
    );
    expect(compared).toBeGreaterThan(2);
  });
});
