import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CellSpec } from "../../src/runner/planCells.js";
import { estimateRemaining, type CellSample } from "../../src/runner/_internals/estimateRemaining.js";

const spec = (kind: "breast-cancer" | "toy-gd", weight: number): CellSpec =>
  kind === "toy-gd"
    ? { id: `t${weight}`, experiment: "toy", fingerprint: "f", weight, key: { kind, start: "good" } }
    : { id: `b${weight}`, experiment: "breast-cancer", fingerprint: "f", weight, key: { kind, l: 1, seed: 0 } };

describe("estimateRemaining", () => {
  it("should recover a fixed cost plus a cost per weight, per kind, and share it over the threads", () => {
    fc.assert(
      fc.property(
        fc.record({
          fixed: fc.double({ min: 0, max: 500, noNaN: true }),
          perWeight: fc.double({ min: 1, max: 2000, noNaN: true }),
          toyMs: fc.double({ min: 1, max: 1000, noNaN: true }),
          weights: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 6 }),
          left: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
          threads: fc.integer({ min: 1, max: 8 }),
        }),
        ({ fixed, perWeight, toyMs, weights, left, threads }) => {
          // Arrange: measured cells that follow ms = fixed + perWeight·w exactly, and one toy cell
          const samples: CellSample[] = [
            ...weights.map((w) => ({ kind: "breast-cancer", weight: w / 4, ms: fixed + (perWeight * w) / 4 })),
            { kind: "toy-gd", weight: 0.2, ms: toyMs },
          ];
          const remaining = [...left.map((w) => spec("breast-cancer", w / 4)), spec("toy-gd", 0.2)];
          // Act
          const ms = estimateRemaining(remaining, samples, threads);
          // Assert: the oracle sums the law the samples were drawn from
          const expected = (left.reduce((s, w) => s + fixed + (perWeight * w) / 4, 0) + toyMs) / threads;
          expect(ms).toBeCloseTo(expected, 6);
        },
      ),
    );
  });

  it("should fall back to the ratio of all samples for a kind not yet measured", () => {
    const samples: CellSample[] = [{ kind: "breast-cancer", weight: 2, ms: 1000 }];
    expect(estimateRemaining([spec("toy-gd", 3)], samples, 1)).toBeCloseTo(1500, 9);
    expect(estimateRemaining([spec("breast-cancer", 1)], samples, 2)).toBeCloseTo(250, 9);
  });
});
