import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BreastCancerGroup, BreastCancerSummary, PairedEffect } from "../../src/experiments/breastCancerSummary.js";
import type { DeepSummary } from "../../src/experiments/deepSummary.js";
import { reproduceConfig } from "../../src/experiments/reproduceConfig.js";
import { breastCancerSection } from "../../src/report/_internals/breastCancerSection.js";
import { deepSection } from "../../src/report/_internals/deepSection.js";
import { toySection } from "../../src/report/_internals/toySection.js";
import { toyGradientDescent } from "../../src/experiments/toyGradientDescent.js";
import { toySummary, type ToyCells } from "../../src/experiments/toySummary.js";
import { decreasesByLabel, insideInterval, lossDecreasePhrase, lPlusFinding, shownSign } from "../../src/report/_internals/findings.js";

const effect = (mean: number, se: number): PairedEffect => ({ mean, se, pairs: 12 });
const group = (l: number, lPlus: number, loss: number): BreastCancerGroup => ({
  l,
  lPlus,
  n: 12,
  loss: { mean: loss, se: 0.01 },
  acc: { mean: 0.9, se: 0.01 },
  train: loss / 2,
});

/** A sweep over widths 2 and 4 whose losses per l₊ are given, with the paired effects given beside them. */
function sweep(
  losses: Record<number, number[]>,
  effects: Record<number, { zeroToOne: PairedEffect; oneToAll: PairedEffect }>,
): Pick<BreastCancerSummary, "groups" | "effectsByWidth"> {
  return {
    groups: Object.entries(losses).flatMap(([l, ls]) => ls.map((loss, lPlus) => group(Number(l), lPlus, loss))),
    effectsByWidth: Object.entries(effects).map(([l, e]) => ({ l: Number(l), ...e })),
  };
}

describe("lPlusFinding", () => {
  it("should say the data show the paper's reading only when the first neuron lowers the loss clearly and more neurons do not", () => {
    // Arrange: a clear drop from 0 to 1, then level, at both widths
    const level = sweep(
      { 2: [0.3, 0.15, 0.15], 4: [0.3, 0.15, 0.15, 0.15, 0.15] },
      { 2: { zeroToOne: effect(0.15, 0.02), oneToAll: effect(0, 0.02) }, 4: { zeroToOne: effect(0.15, 0.02), oneToAll: effect(0, 0.02) } },
    );
    // the quick-scale pattern: width 2 rises after l₊ = 1 (within noise), width 4 keeps falling clearly
    const falling = sweep(
      { 2: [0.2796, 0.1648, 0.2159], 4: [0.1734, 0.1532, 0.1276, 0.1074, 0.1063] },
      {
        2: { zeroToOne: effect(0.1148, 0.048), oneToAll: effect(-0.051, 0.035) },
        4: { zeroToOne: effect(0.02, 0.018), oneToAll: effect(0.047, 0.01) },
      },
    );
    // Act
    const a = lPlusFinding(level);
    const b = lPlusFinding(falling);
    // Assert
    expect(a.verdict).toContain("show exactly that for every width l ≥ 2 (l = 2 and 4)");
    expect(a.steps).toContain("From l₊ = 1 to l₊ = l it changes by less than two standard errors (no change shown) for l = 2: 0.15 → 0.15");
    expect(b.verdict).toContain("show it for l = 2 but not for l = 4, so at this scale they do not establish it");
    expect(b.steps).toContain("keeps falling by more than two standard errors of the paired difference for l = 4: 0.1532 → 0.1063");
    expect(b.steps).toContain("changes by less than two standard errors (no change shown) for l = 2: 0.1648 → 0.2159");
    expect(b.steps).not.toContain("stay level");
  });

  it("should decide every width by the two-standard-error rule, checked against a direct count", () => {
    const arbEffect = fc.record({
      mean: fc.double({ min: -1, max: 1, noNaN: true }),
      se: fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(arbEffect, arbEffect), { minLength: 1, maxLength: 5 }), (pairs) => {
        // Arrange: widths 2, 3, … with the drawn paired effects
        const effectsByWidth = pairs.map(([z, o], i) => ({ l: i + 2, zeroToOne: { ...z, pairs: 3 }, oneToAll: { ...o, pairs: 3 } }));
        const groups = effectsByWidth.flatMap((e) => Array.from({ length: e.l + 1 }, (_, lPlus) => group(e.l, lPlus, 0.1)));
        // Act
        const { verdict } = lPlusFinding({ groups, effectsByWidth });
        // Assert: the oracle counts widths with mean₀₁ > 2 se₀₁ and |mean₁ₗ| ≤ 2 se₁ₗ directly
        const holding = effectsByWidth.filter(
          (e) => e.zeroToOne.mean > 2 * e.zeroToOne.se && Math.abs(e.oneToAll.mean) <= 2 * e.oneToAll.se,
        ).length;
        if (holding === pairs.length) expect(verdict).toContain("show exactly that for every width");
        else if (holding === 0) expect(verdict).toContain("do not show it for any width");
        else expect(verdict).toContain("do not establish it");
      }),
    );
  });
});

describe("lossDecreasePhrase and shownSign", () => {
  it("should name the direction and say when a change is within two standard errors", () => {
    expect(lossDecreasePhrase({ mean: 0.03452, se: 0.01302 })).toBe("lowers the mean test loss by 0.03452 (± 0.01302 standard error)");
    expect(lossDecreasePhrase({ mean: -4.624e-4, se: 0.0142 })).toBe(
      "raises the mean test loss by 4.624e-4 (± 0.0142 standard error; within two standard errors of 0, so the data at this scale do not show a change)",
    );
    expect([shownSign({ mean: 0.3, se: 0.1 }), shownSign({ mean: -0.3, se: 0.1 }), shownSign({ mean: 0.2, se: 0.1 })]).toEqual([1, -1, 0]);
  });
});

describe("decreasesByLabel", () => {
  it("should list the effects and say which ones this scale shows", () => {
    const gd = { label: "GD", effect: { mean: 0.02923, se: 0.02198 } };
    const adam = { label: "Adam", effect: { mean: 0.004331, se: 0.001408 } };
    expect(decreasesByLabel([gd, adam])).toBe(
      "GD 0.02923 ± 0.02198 and Adam 0.004331 ± 0.001408 (more than two standard errors from 0 under Adam; within two standard errors, so not shown at this scale, under GD)",
    );
    expect(decreasesByLabel([gd])).toContain("the data at this scale do not show a change under any");
    expect(decreasesByLabel([adam])).toContain("every one more than two standard errors from 0");
  });
});

describe("insideInterval", () => {
  it("should say whether a prediction agrees with the observed interval", () => {
    expect(insideInterval(0.15, [0.12, 0.24])).toContain("inside the observed interval");
    expect(insideInterval(0.3, [0.12, 0.24])).toContain("above the observed interval: the data at this scale do not agree");
    expect(insideInterval(0.1, [0.12, 0.24])).toContain("below the observed interval");
  });
});

describe("the sections' findings follow their results", () => {
  it("should change the breast-cancer caption and text when the results change", async () => {
    // Arrange: one summary whose widths show the reading, and the same with the loss still falling after l₊ = 1
    const config = { ...reproduceConfig("tiny", 1, "breast-cancer").breastCancer, widths: [2], seeds: 12 };
    const base = sweep({ 2: [0.3, 0.15, 0.15] }, { 2: { zeroToOne: effect(0.15, 0.02), oneToAll: effect(0, 0.02) } });
    const summary = (s: typeof base): BreastCancerSummary => ({
      results: {},
      widths: [2],
      ...s,
      table: { columns: ["l"], rows: [["2"]] },
      effectZeroToOne: s.effectsByWidth[0]!.zeroToOne,
      effectOneToAll: s.effectsByWidth[0]!.oneToAll,
      runs: 36,
      neurons: 24,
      naturallyPathological: 2,
      pathologicalFraction: 2 / 24,
      split: { train: 455, test: 114 },
      pathologicalSignChanges: 0,
      maxInvariantDrift: 0.01,
    });
    const altered = sweep({ 2: [0.3, 0.2, 0.1] }, { 2: { zeroToOne: effect(0.1, 0.02), oneToAll: effect(0.1, 0.02) } });
    // Act
    const a = await breastCancerSection(config, summary(base));
    const b = await breastCancerSection(config, summary(altered));
    // Assert
    expect(a.figures[0]!.caption).toContain("show exactly that for every width l ≥ 2 (l = 2)");
    expect(b.figures[0]!.caption).toContain("keeps falling by more than two standard errors of the paired difference for l = 2: 0.2 → 0.1");
    expect(b.figures[0]!.caption).toContain("do not show it for any width l ≥ 2 (l = 2)");
    expect(b.paragraphs.join(" ")).toContain("lowers the mean test loss by 0.1 (± 0.02 standard error)");
    expect(b.tables[0]!.headings).toEqual(["width l"]);
  });

  it("should say whether the two-layer prediction lies in the deep experiment's observed interval", async () => {
    // Arrange
    const config = reproduceConfig("tiny", 1, "deep").deep;
    const summary = (p: string): DeepSummary => ({
      neurons: 160,
      pathological: 28,
      fraction: "0.175",
      ci95: ["0.1239", "0.2413"],
      predicted: { dIn: 9, width: 2, p, ci95: [p, p], samples: 1000 },
      lockedSignChanges: 0,
      freeNeurons: 132,
      freeSignChanges: 6,
      maxInvariantDrift: 0.01,
      trainLoss0: 0.7,
      trainLoss: 0.3,
      curves: [],
      table: { columns: ["quantity", "value"], rows: [] },
      results: {},
    });
    // Act
    const inside = (await deepSection(config, summary("0.1532"))).paragraphs[1]!;
    const outside = (await deepSection(config, summary("0.3"))).paragraphs[1]!;
    // Assert
    expect(inside).toContain("p = 0.1532");
    expect(inside).toContain("inside the observed interval: the data at this scale agree with the prediction");
    expect(outside).toContain("above the observed interval: the data at this scale do not agree with the prediction");
  });

  it("should say the toy's obstructed start stalls only when its final loss sits at the floor", async () => {
    // Arrange: real gradient-descent cells (few steps), then the same with the final losses altered
    const config = { ...reproduceConfig("tiny", 1, "toy").toy, steps: 20 };
    const real: ToyCells = {
      gd: { obstructed: toyGradientDescent(config, "obstructed"), good: toyGradientDescent(config, "good") },
      flow: { obstructed: null, good: null },
    };
    const withLosses = (obstructed: string, good: string): ToyCells => ({
      ...real,
      gd: { obstructed: { ...real.gd.obstructed, lossT: obstructed }, good: { ...real.gd.good, lossT: good } },
    });
    const text = async (cells: ToyCells): Promise<string> =>
      (await toySection(config, cells, toySummary(config, cells))).paragraphs.join(" ");
    // Act
    const stalled = await text(withLosses("0.625", "0.001"));
    const notStalled = await text(withLosses("0.9", "0.7"));
    // Assert
    expect(stalled).toContain("from the obstructed start stalls at L = 0.625: the floor mean(y²) = 5/8");
    expect(stalled).toContain("From the good start it reaches L = 0.001, below the floor");
    expect(notStalled).toContain("from the obstructed start ends at L = 0.9, not at the floor mean(y²) = 5/8");
    expect(notStalled).toContain("this run does not show the stall");
    expect(notStalled).toContain("this run does not show the good start fitting");
  });
});
