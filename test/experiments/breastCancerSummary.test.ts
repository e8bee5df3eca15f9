import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BreastCancerCell, BreastCancerRun } from "../../src/experiments/breastCancerCell.js";
import { breastCancerSummary } from "../../src/experiments/breastCancerSummary.js";
import { reproduceConfig } from "../../src/experiments/reproduceConfig.js";

const config = reproduceConfig("tiny", 1, "breast-cancer").breastCancer;

/** A run with only the fields the summary reads set to something telling. */
const run = (l: number, lPlus: number, seed: number, testLoss: number, drift: number, signChanges: number): BreastCancerRun => ({
  l,
  lPlus,
  seed,
  testLoss,
  testAccuracy: 1 - testLoss / 10,
  trainLoss0: 1,
  trainLoss: testLoss / 2,
  pathologicalSignChanges: signChanges,
  maxInvariantDrift: drift,
  curve: [],
});

/** Cells of a sweep: widths (distinct), seeds, and per run a test loss, a drift and sign changes. */
const arbCells = (): fc.Arbitrary<BreastCancerCell[]> =>
  fc
    .record({
      widths: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
      seeds: fc.integer({ min: 1, max: 3 }),
      values: fc.array(fc.double({ min: 0.01, max: 2, noNaN: true }), { minLength: 64, maxLength: 64 }),
      natural: fc.array(fc.nat(4), { minLength: 16, maxLength: 16 }),
    })
    .map(({ widths, seeds, values, natural }) => {
      let i = 0;
      const next = (): number => values[i++ % values.length]!;
      const cells: BreastCancerCell[] = [];
      for (const l of widths)
        for (let seed = 0; seed < seeds; seed++)
          cells.push({
            l,
            seed,
            naturallyPathological: Math.min(l, natural[cells.length % natural.length]!),
            runs: Array.from({ length: l + 1 }, (_, lPlus) => run(l, lPlus, seed, next(), next() / 100, lPlus === 0 ? 1 : 0)),
          });
      return cells;
    });

/** Mean and standard error computed the long way, as an oracle. */
const naive = (xs: number[]): { mean: number; se: number } => {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  if (xs.length === 1) return { mean, se: 0 };
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return { mean, se: Math.sqrt(ss / (xs.length - 1) / xs.length) };
};

describe("breastCancerSummary", () => {
  it("should pool each (l, l₊) over seeds and pair l₊ = 0 with 1 and 1 with l within each cell", () => {
    fc.assert(
      fc.property(arbCells(), (cells) => {
        // Act
        const s = breastCancerSummary(config, cells, { train: 455, test: 114 });
        // Assert: one group per (l, l₊), in order of l then l₊
        const widths = [...new Set(cells.map((c) => c.l))].sort((a, b) => a - b);
        expect(s.widths).toEqual(widths);
        expect(s.groups.map((g) => [g.l, g.lPlus])).toEqual(widths.flatMap((l) => Array.from({ length: l + 1 }, (_, lPlus) => [l, lPlus])));
        for (const g of s.groups) {
          const losses = cells.filter((c) => c.l === g.l).map((c) => c.runs[g.lPlus]!.testLoss);
          const o = naive(losses);
          expect(g.n).toBe(losses.length);
          expect(g.loss.mean).toBeCloseTo(o.mean, 12);
          expect(g.loss.se).toBeCloseTo(o.se, 12);
        }
        // paired effects
        const d01 = naive(cells.map((c) => c.runs[0]!.testLoss - c.runs[1]!.testLoss));
        expect(s.effectZeroToOne.pairs).toBe(cells.length);
        expect(s.effectZeroToOne.mean).toBeCloseTo(d01.mean, 12);
        expect(s.effectZeroToOne.se).toBeCloseTo(d01.se, 12);
        const wide = cells.filter((c) => c.l >= 2);
        if (wide.length === 0) expect(s.effectOneToAll).toBeNull();
        else expect(s.effectOneToAll!.mean).toBeCloseTo(naive(wide.map((c) => c.runs[1]!.testLoss - c.runs[c.l]!.testLoss)).mean, 12);
        // the same paired effects per width, "before minus after"
        expect(s.effectsByWidth.map((e) => e.l)).toEqual(widths);
        for (const e of s.effectsByWidth) {
          const mine = cells.filter((c) => c.l === e.l);
          const z = naive(mine.map((c) => c.runs[0]!.testLoss - c.runs[1]!.testLoss));
          expect(e.zeroToOne.pairs).toBe(mine.length);
          expect(e.zeroToOne.mean).toBeCloseTo(z.mean, 12);
          expect(e.zeroToOne.se).toBeCloseTo(z.se, 12);
          if (e.l === 1) expect(e.oneToAll).toBeNull();
          else expect(e.oneToAll!.mean).toBeCloseTo(naive(mine.map((c) => c.runs[1]!.testLoss - c.runs[c.l]!.testLoss)).mean, 12);
        }
        // counts over the whole sweep
        const neurons = cells.reduce((n, c) => n + c.l, 0);
        const natural = cells.reduce((n, c) => n + c.naturallyPathological, 0);
        expect([s.runs, s.neurons, s.naturallyPathological, s.pathologicalSignChanges]).toEqual([
          cells.reduce((n, c) => n + c.l + 1, 0),
          neurons,
          natural,
          cells.length,
        ]);
        expect(s.maxInvariantDrift).toBe(Math.max(...cells.flatMap((c) => c.runs.map((r) => r.maxInvariantDrift))));
        expect(s.results.naturallyPathological).toEqual({
          neurons,
          pathological: natural,
          fraction: String(Number((natural / neurons).toPrecision(6))),
        });
        expect(s.split).toEqual({ train: 455, test: 114 });
        expect(s.table.rows).toHaveLength(s.groups.length);
      }),
    );
  });

  it("should record the numbers in results with 6 significant digits", () => {
    // Arrange: one width-2 cell, losses 0.5, 0.25, 0.125 for l₊ = 0, 1, 2
    const cells: BreastCancerCell[] = [
      {
        l: 2,
        seed: 0,
        naturallyPathological: 1,
        runs: [run(2, 0, 0, 0.5, 0.1, 0), run(2, 1, 0, 0.25, 0.2, 0), run(2, 2, 0, 0.125, 1 / 3, 0)],
      },
    ];
    // Act
    const { results } = breastCancerSummary(config, cells, { train: 1, test: 1 });
    // Assert
    expect(results.effectZeroToOne).toEqual({ mean: "0.25", se: "0", pairs: 1 });
    expect(results.effectOneToAll).toEqual({ mean: "0.125", se: "0", pairs: 1 });
    // positive: the loss falls from l₊ = 0 to 1 (0.5 → 0.25), the sign the report's "lowers … by" quotes
    expect(results.effectsByWidth).toEqual([
      { l: 2, zeroToOne: { mean: "0.25", se: "0", pairs: 1 }, oneToAll: { mean: "0.125", se: "0", pairs: 1 } },
    ]);
    expect(results.byWidth).toEqual([{ l: 2, lossAllPathological: "0.5", lossNonePathological: "0.125" }]);
    expect(results.maxInvariantDrift).toBe("0.333333");
    expect((results.table as Record<string, string>[])[1]).toEqual({
      l: "2",
      l_plus: "1",
      l_plus_over_l: "0.5",
      runs: "1",
      mean_test_loss: "0.25",
      se_test_loss: "0",
      mean_test_accuracy: "0.975",
      mean_train_loss: "0.125",
    });
  });
});
