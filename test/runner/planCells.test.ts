import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reproduceConfig, type Scale } from "../../src/experiments/reproduceConfig.js";
import { planCells, shardCells } from "../../src/runner/planCells.js";

describe("planCells and shardCells", () => {
  it("should deal every cell of a plan to exactly one shard", () => {
    fc.assert(
      fc.property(fc.constantFrom<Scale>("tiny", "quick", "full"), fc.integer({ min: 1, max: 7 }), (scale, count) => {
        const plan = planCells(reproduceConfig(scale, 3, "all"));
        const dealt = Array.from({ length: count }, (_, i) => shardCells(plan, i, count).map((c) => c.id)).flat();
        expect(dealt.sort()).toEqual(plan.map((c) => c.id).sort());
        expect(new Set(dealt).size).toBe(plan.length);
      }),
      { numRuns: 20 },
    );
  });

  it("should change a cell's fingerprint with its experiment's configuration only", () => {
    const a = planCells(reproduceConfig("tiny", 1, "all"));
    const b = planCells(reproduceConfig("tiny", 2, "all"));
    const c = planCells(reproduceConfig("tiny", 1, "toy"));
    expect(a.find((s) => s.id === "toy-gd-good")!.fingerprint).not.toBe(b.find((s) => s.id === "toy-gd-good")!.fingerprint);
    expect(c.find((s) => s.id === "toy-gd-good")!.fingerprint).toBe(a.find((s) => s.id === "toy-gd-good")!.fingerprint);
  });
});
