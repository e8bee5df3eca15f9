import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { parseInitScheme } from "../../src/probability/parseInitScheme.js";
import { pathologicalProbability } from "../../src/probability/pathologicalProbability.js";
import { probabilityReport } from "../../src/probability/probabilityReport.js";
import { probabilityTable } from "../../src/probability/probabilityTable.js";
import { Big, distance, QUANTITIES, reference, rounded } from "./helpers.js";

describe("probabilityReport", () => {
  it("should equal the independent mpmath values in every field, rounded once to 40 digits", () => {
    for (const r of reference.probability) {
      // Act
      const got = probabilityReport({ scheme: parseInitScheme(r.init) }, r.dIn, r.width, r.e, { digits: 40 });
      // Assert: 40 digits exactly as the single rounding of the 120-digit reference (held-out rows are judged at 35)
      expect(got.rho).toBe(r.rho);
      for (const q of QUANTITIES)
        expect(new Big(got[q]).eq(rounded(r[q], 40)), `${r.init} d_in=${r.dIn} l=${r.width} e=${r.e} ${q}: ${got[q]} vs ${r[q]}`).toBe(
          true,
        );
    }
  });

  it("should give the Binomial(l, p) law of the number of pathological neurons", () => {
    for (const r of reference.distribution) {
      const got = probabilityReport({ scheme: parseInitScheme(r.init) }, r.dIn, r.width, r.e, { digits: 30, distribution: true })
        .distribution!;
      expect(got).toHaveLength(r.width + 1);
      for (const [k, v] of got.entries()) expect(new Big(v).eq(rounded(r.distribution[k]!, 30))).toBe(true);
    }
  });

  it("should have a distribution summing to 1 with mean l·p", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 4 }), (dIn, width, e) => {
        const r = probabilityReport({ scheme: "xavier-normal" }, dIn, width, e, { digits: 30, distribution: true });
        const law = r.distribution!.map((v) => new Big(v));
        const total = law.reduce((s, v) => s.plus(v), new Big(0));
        const mean = law.reduce((s, v, k) => s.plus(v.times(k)), new Big(0));
        expect(total.minus(1).abs().lte("1e-28")).toBe(true);
        expect(distance(r.expectedPathological, mean).lte(new Big(r.expectedPathological).times("1e-27"))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it("should follow the split cases of docs/theory.md §5", () => {
    // d_in = e = 1: every neuron splits
    const one = probabilityReport({ scheme: "kaiming-normal" }, 1, 5, 1, { digits: 20 });
    expect([one.pSplit, one.pDisconnected, one.expectedComponents]).toEqual(["1", "1", "32"]);
    // d_in, e ≥ 2: no neuron splits
    const none = probabilityReport({ scheme: "lecun-normal" }, 3, 7, 2, { digits: 20 });
    expect([none.pSplit, none.pDisconnected, none.expectedComponents]).toEqual(["0", "0", "1"]);
    // d_in = 1, e ≥ 2: q = 1 − p
    const flip = probabilityReport({ scheme: "xavier-normal" }, 1, 4, 3, { digits: 40 });
    expect(new Big(flip.pSplit).plus(flip.pNeuron).minus(1).abs().lte("1e-40")).toBe(true);
    // e = 1, d_in ≥ 2: q = p
    const same = probabilityReport({ scheme: "xavier-normal" }, 4, 4, 1, { digits: 40 });
    expect(same.pSplit).toBe(same.pNeuron);
  });

  it("should give p = 1 − sqrt(ρ/(1+ρ)) for d_in = 2, e = 1 with explicit variances", () => {
    const r = probabilityReport({ sigmaW2: "3", sigmaA2: "1" }, 2, 10, 1, { digits: 30 });
    expect(r.rho).toBe("3");
    expect(r.closedForm).toBe("1 - sqrt(3)/2");
    expect(distance(r.pNeuron, new Big(1).minus(new Big(3).sqrt().div(2))).lte("1e-30")).toBe(true);
  });

  it("should make Kaiming normal p decrease as d_in grows at fixed width (e = 1)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 63 }), fc.integer({ min: 1, max: 256 }), (dIn, width) => {
        const p = (d: number): InstanceType<typeof Big> =>
          new Big(probabilityReport({ scheme: "kaiming-normal" }, d, width, 1, { digits: 25 }).pNeuron);
        expect(p(dIn + 1).lt(p(dIn))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("should make p decrease in ρ and in d_in, and increase in e, at fixed other arguments", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        (dIn, e, P, Q) => {
          const p = (d: number, ee: number, rho: string): InstanceType<typeof Big> =>
            new Big(pathologicalProbability(d, ee, rho, { digits: 25 }).p);
          const rho = `${P}/${Q}`;
          expect(p(dIn, e, `${P + 1}/${Q}`).lt(p(dIn, e, rho))).toBe(true);
          expect(p(dIn + 1, e, rho).lt(p(dIn, e, rho))).toBe(true);
          expect(p(dIn, e + 1, rho).gt(p(dIn, e, rho))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("should keep every digit of a tiny P(disconnected) (1 − (1 − q)^l cancels)", () => {
    // Kaiming normal d_in = 64, l = 256: q ≈ 4.75e-24, so 1 − (1 − q)^l ≈ l q to 1e-45 relative
    const r = probabilityReport({ scheme: "kaiming-normal" }, 64, 256, 1, { digits: 40 });
    const lq = new Big(r.pNeuron).times(256);
    expect(distance(r.pDisconnected, lq).div(lq).lt("1e-20")).toBe(true);
    expect(r.pDisconnected).not.toBe(r.expectedPathological);
  });

  it("should keep every digit when q = 1 − p is tiny (d_in = 1, e = 2, σ_w² ≪ σ_a²)", () => {
    // I_x(1/2, 1) = √x, so q = 1 − (1 + ρ)^(−1/2) and P(disconnected) = 1 − (1 + ρ)^(−l/2)
    const rho = new Big("1e-20");
    const r = probabilityReport({ sigmaW2: "1e-20", sigmaA2: "1" }, 1, 10, 2, { digits: 40 });
    const q = new Big(1).minus(rho.plus(1).sqrt().pow(-1));
    const disconnected = new Big(1).minus(rho.plus(1).pow(-5));
    expect(new Big(r.pSplit).eq(q.toSignificantDigits(40))).toBe(true);
    expect(new Big(r.pDisconnected).eq(disconnected.toSignificantDigits(40))).toBe(true);
    expect(new Big(r.expectedComponents).eq(q.plus(1).pow(10).toSignificantDigits(40))).toBe(true);
  });

  it("should reject a zero fan-in, zero digits, pytorch-default without room for a bias, and exact uniform laws", () => {
    expect(() => probabilityReport({ scheme: "kaiming-normal" }, 0, 3)).toThrow(InputError);
    expect(() => probabilityReport({ scheme: "kaiming-normal" }, 2, 3, 1, { digits: 0 })).toThrow(/invalid digits/);
    expect(() => probabilityReport({ scheme: "pytorch-default" }, 1, 3)).toThrow(/at least 2/);
    expect(() => probabilityReport({ scheme: "kaiming-uniform" }, 2, 3, 1, { method: "exact" })).toThrow(/monte-carlo/);
    // The library names its field (init); the CLI renders it as --init (test/cli/exitCodes.test.ts).
    expect(() => parseInitScheme("he-normal")).toThrow(/^invalid init\. Must be one of kaiming-normal/);
  });
});

describe("probabilityTable", () => {
  it("should equal the single-value report in every cell, ordered by e, d_in, width", () => {
    const rows = probabilityTable({ scheme: "xavier-normal" }, [1, 5], [2, 3], [1, 2], { digits: 15 });
    expect(rows.map((r) => [r.e, r.dIn, r.width])).toEqual([
      [1, 1, 2],
      [1, 1, 3],
      [1, 5, 2],
      [1, 5, 3],
      [2, 1, 2],
      [2, 1, 3],
      [2, 5, 2],
      [2, 5, 3],
    ]);
    for (const r of rows) {
      const single = probabilityReport({ scheme: "xavier-normal" }, r.dIn, r.width, r.e, { digits: 15 });
      expect(r.pDisconnected).toBe(single.pDisconnected);
      expect(r.expectedComponents).toBe(single.expectedComponents);
    }
  });

  it("should seed Monte Carlo cells like the single-value report", () => {
    const [row] = probabilityTable({ scheme: "pytorch-default" }, [3], [4], [1], { digits: 10, samples: 2000, seed: 9 });
    const single = probabilityReport({ scheme: "pytorch-default" }, 3, 4, 1, { digits: 10, samples: 2000, seed: 9 });
    expect(row!.hits).toBe(single.hits);
    expect(row!.ci95).toEqual(single.ci95);
  });
});
