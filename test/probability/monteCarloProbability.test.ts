import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/scalar/seededRandom.js";
import { neuronLaw, type InitScheme } from "../../src/probability/neuronLaw.js";
import { monteCarloProbability } from "../../src/probability/monteCarloProbability.js";
import { monteCarloKey } from "../../src/probability/monteCarloKey.js";
import { pathologicalProbability } from "../../src/probability/pathologicalProbability.js";
import { probabilityReport } from "../../src/probability/probabilityReport.js";
import { wilsonInterval } from "../../src/probability/wilsonInterval.js";

const NORMAL: InitScheme[] = ["kaiming-normal", "lecun-normal", "xavier-normal"];

/** True when `p` lies in the Wilson interval of hits/samples at the given level. */
function covers(hits: number, samples: number, p: number, level: string): boolean {
  const [lo, hi] = wilsonInterval(hits, samples, level, 17).map(Number) as [number, number];
  return lo <= p && p <= hi;
}

describe("Monte Carlo against the exact closed form", () => {
  it("should land within the 99.9 % interval when sampling real Gaussian weights and counting ‖w‖² < ‖a‖²", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NORMAL),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(1_000_000),
        (scheme, dIn, width, e, seed) => {
          // Arrange: the weights themselves, w ~ N(0, σ_w² I_{d_in}), a ~ N(0, σ_a² I_e)
          const law = neuronLaw({ scheme }, dIn, width, e);
          const sw = Math.sqrt(law.w2.valueOf());
          const sa = Math.sqrt(law.a2.valueOf());
          const rng = seededRandom(`test/gaussian-weights/${seed}`);
          const n = 20_000;
          let hits = 0;
          for (let s = 0; s < n; s++) {
            let w2 = 0;
            for (let i = 0; i < dIn; i++) w2 += (sw * rng.gaussian()) ** 2;
            let a2 = 0;
            for (let j = 0; j < e; j++) a2 += (sa * rng.gaussian()) ** 2;
            if (w2 < a2) hits++;
          }
          // Act
          const exact = Number(probabilityReport({ scheme }, dIn, width, e, { digits: 20 }).pNeuron);
          // Assert
          expect(covers(hits, n, exact, "0.999"), `${scheme} d_in=${dIn} l=${width} e=${e}: ${hits}/${n} vs ${exact}`).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });

  it("should estimate the Gaussian schemes through monteCarloProbability too", () => {
    for (const [scheme, dIn, width, e] of [
      ["kaiming-normal", 3, 4, 1],
      ["xavier-normal", 7, 2, 2],
      ["lecun-normal", 1, 9, 3],
    ] as const) {
      const mc = probabilityReport({ scheme }, dIn, width, e, { method: "monte-carlo", samples: 40_000, seed: 3, digits: 20 });
      const exact = Number(probabilityReport({ scheme }, dIn, width, e, { digits: 20 }).pNeuron);
      expect(covers(Number(mc.hits), 40_000, exact, "0.999")).toBe(true);
    }
  });

  it("should match the uniform anchors p = 1/(2r) (d_in = e = 1) and p = π/(12 r²) (d_in = 2, e = 1, r ≥ 1)", () => {
    // kaiming-uniform: half-widths √(6/d_in) and √(6/l); r = half-width of w / half-width of a
    // d_in = 1, l = 4: r = 2, p = P(2|u| < |v|) = 1/4
    const one = monteCarloProbability(neuronLaw({ scheme: "kaiming-uniform" }, 1, 4, 1), 1, 4, 1, { samples: 50_000, seed: 11 });
    expect(covers(one.hits, one.samples, 0.25, "0.999")).toBe(true);
    // d_in = 2, l = 4: r² = 2, p = P(u1² + u2² < v²/2) = π/24
    const two = monteCarloProbability(neuronLaw({ scheme: "kaiming-uniform" }, 2, 4, 1), 2, 4, 1, { samples: 50_000, seed: 12 });
    expect(covers(two.hits, two.samples, Math.PI / 24, "0.999")).toBe(true);
  });

  it("should give the same count for the same seed and a different one for another seed", () => {
    const law = neuronLaw({ scheme: "pytorch-default" }, 5, 8, 1);
    const a = monteCarloProbability(law, 5, 8, 1, { samples: 5000, seed: 42 });
    const b = monteCarloProbability(law, 5, 8, 1, { samples: 5000, seed: 42 });
    expect(a).toEqual(b);
    // seeds 42 and 43 (and the cell coordinates) start different streams
    const first = (seed: number, dIn: number): number[] => {
      const rng = seededRandom(monteCarloKey(seed, dIn, 8, 1));
      return [rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
    };
    expect(first(43, 5)).not.toEqual(first(42, 5));
    expect(first(42, 6)).not.toEqual(first(42, 5));
  });

  it("should print the same report bytes for the same seed", () => {
    const run = (): string =>
      JSON.stringify(probabilityReport({ scheme: "xavier-uniform" }, 4, 6, 2, { samples: 3000, seed: 5, digits: 25 }));
    expect(run()).toBe(run());
  });

  it("should reject bad sample counts and seeds", () => {
    const law = neuronLaw({ scheme: "kaiming-uniform" }, 2, 2, 1);
    expect(() => monteCarloProbability(law, 2, 2, 1, { samples: 0 })).toThrow(/invalid samples/);
    expect(() => monteCarloProbability(law, 2, 2, 1, { seed: -1 })).toThrow(/invalid seed/);
  });
});

describe("wilsonInterval", () => {
  it("should contain the estimate, stay in [0, 1] and match the float formula", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([k, n]) => {
          const [lo, hi] = wilsonInterval(k, n, "0.95", 17).map(Number) as [number, number];
          expect(0 <= lo && lo <= k / n && k / n <= hi && hi <= 1).toBe(true);
          const z = 1.959963984540054;
          const centre = (k + (z * z) / 2) / (n + z * z);
          const half = (z / (n + z * z)) * Math.sqrt((k * (n - k)) / n + (z * z) / 4);
          expect(Math.abs(lo - Math.max(0, centre - half))).toBeLessThan(1e-12);
          expect(Math.abs(hi - Math.min(1, centre + half))).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it("should give the textbook interval for 0 of 10", () => {
    expect(wilsonInterval(0, 10, "0.95", 4)).toEqual(["0", "0.2775"]);
  });

  it("should not cover a wrong p (sanity of the coverage check)", () => {
    // 5000 of 10000 is far from 0.45 at any usual level
    const [lo] = wilsonInterval(5000, 10_000, "0.999", 17).map(Number) as [number, number];
    expect(lo).toBeGreaterThan(0.45);
    expect(pathologicalProbability(1, 1, "1").p).toBe("0.5");
  });
});
