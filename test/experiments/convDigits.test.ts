import { describe, expect, it } from "vitest";
import { convDigitsBatchNorm } from "../../src/experiments/convDigitsBatchNorm.js";
import { type ConvDigitsCell, convDigitsCell } from "../../src/experiments/convDigitsCell.js";
import { convDigitsSummary } from "../../src/experiments/convDigitsSummary.js";
import { defaultInit } from "../../src/experiments/defaultInit.js";
import { readDigits } from "../../src/experiments/readDigits.js";
import { reproduceConfig } from "../../src/experiments/reproduceConfig.js";
import { layoutOf } from "../../src/net/layoutOf.js";
import { unpackLayers } from "../../src/net/unpackLayers.js";
import { convDigitsSection } from "../../src/report/_internals/convDigitsSection.js";
import { batchNormFinding } from "../../src/report/_internals/findings.js";
import { exact } from "../../src/scalar/exact.js";
import { floatFraction } from "../../src/scalar/floatFraction.js";

const quick = reproduceConfig("quick", 1, "conv-digits").convDigits;
const tiny = reproduceConfig("tiny", 1, "conv-digits").convDigits;

/** The tiny configuration's exact and float cells, computed once for the checks that read them (they read, never change them). */
let tinyCells: { exact: ConvDigitsCell; float: ConvDigitsCell } | undefined;
const tinyRuns = (): { exact: ConvDigitsCell; float: ConvDigitsCell } =>
  (tinyCells ??= { exact: convDigitsCell(tiny, 1, "exact"), float: convDigitsCell(tiny, 1, "float") });

/**
 * c_j of every channel of the initial draw, from PyTorch's definitions and not from the library's readers:
 * a 4 × 9 kernel matrix and bias, then Linear(16·C, classes) whose column q reads channel ⌊q / 16⌋ after flatten.
 */
function initialLaws(config: typeof quick): number[] {
  const C = config.channels;
  const k = config.classes.length;
  // the layout of the experiment's network, built by hand: 9 + 1 slots per channel, then 16·C + 1 per class
  const shape = {
    activation: { kind: "relu" as const },
    input: { channels: 1, size: [8, 8] },
    layers: [
      {
        W: Array.from({ length: C }, () => new Array<number>(9).fill(0)),
        b: new Array<number>(C).fill(0),
        conv: { kernel: [3, 3], groups: 1, stride: [1, 1], padding: [1, 1] },
        pool: { kind: "max" as const, kernel: [2, 2], stride: [2, 2] },
      },
      { W: Array.from({ length: k }, () => new Array<number>(16 * C).fill(0)), b: new Array<number>(k).fill(0) },
    ],
  };
  const L = layoutOf(shape);
  const theta = Array.from(defaultInit(L, `conv-digits/run-seed=1/channels=${C}/classes=${config.classes.join(",")}`));
  const sq = (v: number) => exact.mul(floatFraction(v), floatFraction(v));
  return Array.from({ length: C }, (_, j) => {
    let c = exact.zero;
    for (let i = 0; i < 9; i++) c = exact.add(c, sq(theta[j * 9 + i]!));
    c = exact.add(c, sq(theta[9 * C + j]!));
    const second = 10 * C;
    for (let r = 0; r < k; r++) for (let q = 16 * j; q < 16 * (j + 1); q++) c = exact.sub(c, sq(theta[second + r * 16 * C + q]!));
    // the library's unpacking of the same θ puts the kernel rows where PyTorch's Conv2d weight has them
    expect(unpackLayers(theta, L).layers[0]!.W[j]).toEqual(theta.slice(j * 9, j * 9 + 9));
    return exact.toNumber(c);
  });
}

describe("convDigitsCell", () => {
  const cell = convDigitsCell(quick, 1, "exact");

  it("should run the quick exact cell with an observed drift equal to the predicted one, exactly, in every channel at every step", () => {
    expect(cell.steps).toBe(quick.exact.steps);
    expect(cell.images).toBe(quick.exact.perClass * quick.classes.length);
    for (const [j, c] of cell.channels.entries()) {
      expect(c.residual, `channel ${j + 1}`).toBe("0");
      expect(c.maxStepResidual, `channel ${j + 1}`).toBe("0");
      expect(c.observed).toBe(c.predicted);
      expect(c.cT - c.c0).toBeCloseTo(c.observed, 12);
    }
    // gradient descent does move c: the identity is not 0 = 0
    expect(Math.max(...cell.channels.map((c) => Math.abs(c.observed)))).toBeGreaterThan(1e-4);
    expect(cell.curve.map((p) => p.t)).toEqual([0, 1, 2]);
  });

  it("should start from PyTorch's default draw: c per channel as PyTorch's flatten order gives it", () => {
    expect(cell.channels.map((c) => c.c0)).toEqual(initialLaws(quick));
  });

  it("should train on the first images of each class, pixels / 16", () => {
    const digits = readDigits();
    expect(digits.X).toHaveLength(1797);
    expect(digits.X.every((row) => row.length === 64 && row.every((p) => Number.isInteger(p) && p >= 0 && p <= 16))).toBe(true);
    // the float run's loss at θ_0 on its images is the exact run's on the first image of each class only when both
    // subsets are the same: a tiny configuration with one image per class in both runs makes them so
    const same = { ...tiny, float: { perClass: tiny.exact.perClass, steps: 1 } };
    const a = convDigitsCell(same, 1, "exact");
    const b = convDigitsCell(same, 1, "float");
    expect(b.loss0).toBeCloseTo(a.loss0, 14);
    // the same draw: c at θ_0 agrees to rounding (the float run rounds each square)
    for (const [j, c] of b.channels.entries()) expect(c.c0).toBeCloseTo(a.channels[j]!.c0, 14);
  });

  it("should follow the identity to float64 rounding in the float run, and lower the loss", () => {
    const { float } = tinyRuns();
    expect(float.steps).toBe(tiny.float.steps);
    for (const c of float.channels) {
      expect(c.relResidual).toBeLessThan(1e-13);
      expect(Math.abs(Number(c.residual))).toBeLessThan(1e-13);
    }
    expect(float.lossT).toBeLessThan(float.loss0);
    expect(float.curve.at(-1)!.t).toBe(tiny.float.steps);
  });
});

describe("convDigitsSection", () => {
  const cells = tinyRuns();

  it("should draw the drift figure and list every channel of both runs in the table", async () => {
    const section = await convDigitsSection(tiny, convDigitsSummary(tiny, cells));
    expect(section.figures.map((f) => f.file)).toEqual(["conv-digits-drift.svg", "conv-digits-batchnorm.svg"]);
    expect(section.figures[0]!.svg).toMatch(/^<svg/);
    // the batch-normalised runs: solid, dotted and the dashed balance rules, one per channel
    expect(section.figures[1]!.svg.match(/stroke-dasharray="6,4"/g)).toHaveLength(tiny.channels);
    expect(section.paragraphs.slice(3).join(" ")).toContain("times the balance level");
    expect(section.tables[0]!.table.rows).toHaveLength(2 * tiny.channels);
    expect(section.tables[0]!.table.rows.filter((r) => r[0] === "exact").map((r) => r[6])).toEqual(["0", "0", "0", "0"]);
    expect(section.paragraphs[1]).toContain("equalled its prediction in every one of the 4 channels at every step");
    expect(section.paragraphs[2]).toContain("within float64 rounding");
  });

  it("should say which channels fail the identity, and when a float residual exceeds rounding, when the results say so", async () => {
    const broken = {
      exact: {
        ...cells.exact,
        channels: cells.exact.channels.map((c, j) => (j === 2 ? { ...c, residual: "1/3", maxStepResidual: "1/3" } : c)),
      },
      float: { ...cells.float, channels: cells.float.channels.map((c, j) => (j === 0 ? { ...c, relResidual: 1e-6 } : c)) },
    };
    const section = await convDigitsSection(tiny, convDigitsSummary(tiny, broken));
    expect(section.paragraphs[1]).toContain("differed from its prediction in channel 3: the identity fails there");
    expect(section.paragraphs[2]).toContain("was 1.000e-6, more than float64 rounding explains");
  });
});

describe("convDigitsBatchNorm", () => {
  const run = convDigitsBatchNorm(tiny, 1);
  const C = tiny.channels;

  it("should train both runs from one draw, every step's change of ‖K_j‖² its ε-corrected prediction to rounding", () => {
    expect(run.steps).toBe(tiny.batchNorm.steps);
    expect(run.images).toBe(tiny.batchNorm.perClass * tiny.batchNorm.classes.length);
    expect(run.decayed.kernel[0]).toEqual(run.plain.kernel[0]);
    for (const r of [run.plain, run.decayed]) {
      expect(r.kernel).toHaveLength(run.steps + 1);
      expect(r.observed).toHaveLength(run.steps);
      expect(r.kernel.every((row) => row.length === C)).toBe(true);
      expect(r.maxResidual).toBeLessThan(1e-15);
      expect(r.maxDrift).toBeGreaterThan(1e-5);
      // the recorded change is the difference of the recorded norms
      r.observed.forEach((row, t) => {
        row.forEach((o, j) => {
          expect(o).toBeCloseTo(r.kernel[t + 1]![j]! - r.kernel[t]![j]!, 15);
        });
      });
    }
    // without decay each step adds η²‖g_j‖² = η²G²/‖K_j‖², up to the ε-correction −2η⟨K_j, g_j⟩: G² (from the
    // parameters) and the observed change (from the norms) are two readings of the same steps
    for (let j = 0; j < C; j++) {
      const observed = run.plain.observed.reduce((s, row) => s + row[j]!, 0);
      const plainGrowth = run.plain.gradScale.reduce((s, row, t) => s + (run.lr ** 2 * row[j]!) / run.plain.kernel[t]![j]!, 0);
      expect(Math.abs(observed - plainGrowth)).toBeLessThan(0.03 * plainGrowth);
    }
    for (let j = 0; j < C; j++) {
      expect(run.plain.kernel[run.steps]![j]!).toBeGreaterThan(run.plain.kernel[0]![j]!);
      expect(run.decayed.kernel[run.steps]![j]!).toBeLessThan(run.plain.kernel[run.steps]![j]!);
    }
  });

  it("should put each channel's balance where ‖K‖⁴ = ηḠ²/(λ(2 − ηλ)), Ḡ² the decayed run's second-half mean", () => {
    const { lr, weightDecay } = tiny.batchNorm;
    const tail = run.decayed.gradScale.slice(Math.floor(run.steps / 2));
    for (let j = 0; j < C; j++) {
      const G2 = tail.reduce((s, row) => s + row[j]!, 0) / tail.length;
      expect(run.balance[j]! ** 2 * weightDecay * (2 - lr * weightDecay)).toBeCloseTo(lr * G2, 14);
    }
  });
});

describe("batchNormFinding", () => {
  const bn = convDigitsSummary(tiny, tinyRuns()).batchNorm!;

  it("should state the growth factor and the residual the results hold", () => {
    const [plain] = batchNormFinding(bn);
    expect(plain).toContain(`grew in every one of the ${tiny.channels} channels, by a factor of`);
    expect(plain).toContain("float64 rounding");
    const [shrunk] = batchNormFinding({ ...bn, growth: bn.growth.map((g, j) => (j === 1 ? 0.9 : g)) });
    expect(shrunk).toContain("did not grow in channel 2 (factor 0.9)");
    const [wrong] = batchNormFinding({ ...bn, maxResidual: 1e-3, relResidual: 1e-3 });
    expect(wrong).toContain("by up to 0.001 (0.001 of the largest ‖K_j‖²), more than float64 rounding explains");
  });

  it("should say where the decayed run ended against the balance, and say so plainly when it has not reached it", () => {
    const ones = bn.growth.map(() => 1);
    const settled = batchNormFinding({ ...bn, endToBalance: ones.map((x) => x * 1.2), lastQuarter: ones })[1];
    expect(settled).toContain("1.2 times the balance level");
    expect(settled).toContain("it settled near the balance");
    const falling = batchNormFinding({ ...bn, endToBalance: ones.map((x) => x * 3), lastQuarter: ones.map((x) => x * 0.5) })[1];
    expect(falling).toContain("still falling towards the balance from above");
    const below = batchNormFinding({ ...bn, endToBalance: ones.map((x) => x * 0.1), lastQuarter: ones })[1];
    expect(below).toContain("the data at this scale do not show it settling at the balance");
  });
});
