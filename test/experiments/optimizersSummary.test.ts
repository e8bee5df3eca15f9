import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OptimizerBreastCancerCell } from "../../src/experiments/optimizerBreastCancerCell.js";
import type { OptimizerRunResult, OptimizerToyCell } from "../../src/experiments/optimizerToyCell.js";
import { optimizersSummary } from "../../src/experiments/optimizersSummary.js";
import { reproduceConfig } from "../../src/experiments/reproduceConfig.js";

const config = { ...reproduceConfig("tiny", 1, "optimizers").optimizers, widths: [1, 2, 3] };
const labels = config.optimizers.map((o) => o.label);

/** A run whose neurons k < lPlus start with c_k > 0, the others with c_k < 0, and arbitrary ends. */
const arbRun = (optimizer: string, l: number, lPlus: number): fc.Arbitrary<OptimizerRunResult> =>
  fc
    .record({
      mag: fc.array(fc.double({ min: 0.01, max: 5, noNaN: true }), { minLength: l, maxLength: l }),
      cT: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: l, maxLength: l }),
      signChanged: fc.array(fc.constantFrom(0, 1), { minLength: l, maxLength: l }),
      testLoss: fc.double({ min: 0, max: 2, noNaN: true }),
    })
    .map(({ mag, cT, signChanged, testLoss }) => ({
      optimizer,
      lPlus,
      c0: mag.map((m, k) => (k < lPlus ? m : -m)),
      cT,
      signChanged,
      trainLoss0: 1,
      trainLoss: 0.5,
      testLoss,
      curve: [
        [0, 1],
        [1, 0.5],
      ],
    }));

const arbCell = (l: number, seed: number): fc.Arbitrary<OptimizerBreastCancerCell> =>
  fc.tuple(...labels.flatMap((o) => [...new Set([0, 1, l])].map((lPlus) => arbRun(o, l, lPlus)))).map((runs) => ({ l, seed, runs }));

const arbToy: fc.Arbitrary<OptimizerToyCell> = fc
  .tuple(...labels.flatMap((o) => [arbRun(o, 2, 0), arbRun(o, 2, 2)]))
  .map((runs) => ({ runs: runs.map((r) => ({ ...r, testLoss: null })) }));

describe("optimizersSummary", () => {
  it("should count, per optimiser, the pathological neurons' sign changes, turns to c_k > 0, median relative change and paired l₊ effects", () => {
    fc.assert(
      fc.property(arbToy, fc.tuple(arbCell(1, 0), arbCell(2, 0), arbCell(3, 0), arbCell(3, 1)), (toy, cells) => {
        const s = optimizersSummary(config, toy, cells);
        expect(s.breastCancer.map((b) => b.optimizer)).toEqual(labels);
        for (const b of s.breastCancer) {
          // Oracle: the pathological neurons listed one by one.
          const neurons = cells.flatMap((c) =>
            c.runs
              .filter((r) => r.optimizer === b.optimizer)
              .flatMap((r) => r.c0.map((c0, k) => ({ c0, cT: r.cT[k]!, flip: r.signChanged[k]! }))),
          );
          const sick = neurons.filter((n) => n.c0 < 0);
          expect(b.fate.pathological).toBe(sick.length);
          expect(b.fate.signChanges).toBe(sick.filter((n) => n.flip === 1).length);
          expect(b.fate.becameHealthy).toBe(sick.filter((n) => n.cT > 0).length);
          expect(b.fate.healthyTurnedPathological).toBe(neurons.filter((n) => n.c0 > 0 && n.cT < 0).length);
          const rel = sick.map((n) => (n.cT - n.c0) / -n.c0);
          // the median: as many relative changes strictly below as strictly above it
          const m = b.fate.medianRelativeChange!;
          expect(rel.filter((v) => v < m - 1e-12).length).toBeLessThanOrEqual(rel.length / 2);
          expect(rel.filter((v) => v > m + 1e-12).length).toBeLessThanOrEqual(rel.length / 2);
          const loss = (c: OptimizerBreastCancerCell, lPlus: number): number =>
            c.runs.find((r) => r.optimizer === b.optimizer && r.lPlus === lPlus)!.testLoss!;
          const d01 = cells.map((c) => loss(c, 0) - loss(c, 1));
          expect(b.effectZeroToOne.pairs).toBe(4);
          expect(b.effectZeroToOne.mean).toBeCloseTo(d01.reduce((a, v) => a + v, 0) / 4, 12);
          // the width-1 cell has no 1 → l step
          expect(b.effectOneToAll!.pairs).toBe(3);
        }
        for (const t of s.toy) {
          const obstructed = toy.runs.find((r) => r.optimizer === t.optimizer && r.lPlus === 0)!;
          expect(t.fate.pathological).toBe(2);
          expect(t.fate.signChanges).toBe(obstructed.signChanged[0]! + obstructed.signChanged[1]!);
        }
        expect(s.table.rows).toHaveLength(2 * labels.length);
      }),
      { numRuns: 30 },
    );
  });
});
