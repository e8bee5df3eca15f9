import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lawArchitecture } from "../../src/laws/lawArchitecture.js";
import { knownMomentumLawCount } from "../../src/laws/knownMomentumLawCount.js";
import { momentumLaws } from "../../src/laws/momentumLaws.js";

describe("momentumLaws", () => {
  // Marcotte, Gribonval, Peyré, ICML 2024, abstract: "With ReLU networks, no conservation law remains."
  it("should certify that two-layer relu nets have no law under momentum", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 2 }),
        fc.boolean(),
        (d, r, e, bias) => {
          const m = momentumLaws(lawArchitecture([d, r, e], { bias }));
          expect([m.count, m.upper, m.certified]).toEqual([0n, 0n, true]);
        },
      ),
      { numRuns: 20 },
    );
  });

  // Same abstract: linear nets keep fewer laws than under gradient flow except when over-parameterised.
  it("should certify the linear counts and match the closed form (3 for 2,3,2: fewer than the 6 of gradient flow)", () => {
    const m = momentumLaws(lawArchitecture([2, 3, 2], { activation: "linear" }));
    expect([m.count, m.certified]).toEqual([3n, true]);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 2 }),
        fc.boolean(),
        (d, r, e, bias) => {
          const arch = lawArchitecture([d, r, e], { activation: "linear", bias });
          const found = momentumLaws(arch);
          expect(found.certified).toBe(true);
          expect(found.count).toBe(knownMomentumLawCount(arch)!.count);
        },
      ),
      { numRuns: 20 },
    );
  });
});
