import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbFlowTrajectory } from "../../src/claims/arbitraries/arbFlowTrajectory.js";
import { activationName } from "../../src/net/activationName.js";
import { neuronInvariants } from "../../src/invariants/neuronInvariants.js";
import { networkIn } from "../../src/net/networkIn.js";
import { networkFromObject } from "../../src/net/networkFromObject.js";
import { exact } from "../../src/scalar/exact.js";
import { componentOf } from "../../src/topology/componentOf.js";

describe("componentOf along the gradient flow", () => {
  it("should be the same at every sample of a 20-digit Taylor flow", () => {
    fc.assert(
      fc.property(arbFlowTrajectory({ outputs: { min: 1, max: 1 } }), ({ net, run }) => {
        const start = networkIn(net, exact);
        // a c_k within rounding of 0 could change kind by rounding alone: the theorem is about c_k ≠ 0
        fc.pre(neuronInvariants(start, exact).every((c) => exact.abs(c).compare(exact.parse("1/1000")) > 0));
        const act = activationName(net.activation);
        expect(run.samples).toHaveLength(4);
        for (const s of run.samples)
          expect(componentOf(networkIn(networkFromObject({ ...s.params, activation: act }), exact)).pattern).toBe(
            componentOf(start).pattern,
          );
      }),
      { numRuns: 40 },
    );
  });
});
