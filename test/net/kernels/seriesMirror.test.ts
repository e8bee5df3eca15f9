import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { SeriesMirror } from "../../../src/net/kernels/_internals/seriesMirror.js";
import { layeredTaylorStep, type RegionState } from "../../../src/net/kernels/layeredTaylorSeries.js";
import { compileFlowProblem } from "../../../src/flow/_internals/flowProblem.js";
import { readNetwork } from "../../../src/net/readNetwork.js";
import { readDataset } from "../../../src/net/readDataset.js";
import { networkShape } from "../../../src/net/networkShape.js";

const exactCauchy = (x: readonly bigint[], y: readonly bigint[], q: number): bigint => {
  let acc = 0n;
  for (let s = 0; s <= q; s++) acc += x[s]! * y[q - s]!;
  return acc;
};

const abs = (v: bigint): bigint => (v < 0n ? -v : v);

/**
 * Series as a Taylor step makes them: coefficient s about 2^(P + m − r·s) in size (m the
 * magnitude, r bits lost per order), with random signs and bits, some exactly 0.
 */
const series = (P: number, length: number): fc.Arbitrary<bigint[]> =>
  fc
    .tuple(
      fc.integer({ min: -4, max: 8 }),
      fc.integer({ min: 1, max: 8 }),
      fc.array(fc.tuple(fc.bigInt({ min: -(1n << 62n), max: 1n << 62n }), fc.boolean()), { minLength: length, maxLength: length }),
    )
    .map(([m, r, bits]) =>
      bits.map(([b, zero], s) => {
        if (zero) return 0n;
        const e = P + m - r * s - 62;
        return e >= 0 ? b << BigInt(e) : b >> BigInt(-e);
      }),
    );

describe("SeriesMirror", () => {
  it("should sum Σ x_s·y_(q−s) within a quarter unit of 2^−P of the exact BigInt sum whenever it answers, and answer for the small high orders", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 40, max: 420 }).chain((P) => fc.tuple(fc.constant(P), series(P, 40), series(P, 40))),
        ([P, x, y]) => {
          // Arrange
          const mirror = new SeriesMirror(P);
          const quarter = 1n << BigInt(P - 2);
          let answered = 0;
          for (let q = 0; q < x.length; q++) {
            // Act
            const fast = mirror.cauchy(x, y, q);
            // Assert
            if (fast === undefined) continue;
            answered++;
            expect(abs(fast - exactCauchy(x, y, q))).toBeLessThanOrEqual(quarter);
          }
          // every middle term below 2^(135 − P) (2^(P + 135) units of 2^−2P): 47⁴·2^−203 of their sum, the
          // quadruple-double bound, is below a quarter unit
          const small = (q: number): boolean => {
            for (let s = 1; s < q; s++) if (abs(x[s]! * y[q - s]!) >= 1n << BigInt(P + 135)) return false;
            return true;
          };
          if (small(x.length - 1)) expect(answered).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("should leave a series with a coefficient beyond the range of doubles to BigInt", () => {
    // Arrange: 2^600 units of 2^−P squared would overflow a double
    const P = 300;
    const x = [1n << 600n, 1n << 600n, 1n << 600n, 1n];
    const mirror = new SeriesMirror(P);
    // Act & Assert
    expect(mirror.cauchy(x, x, 3)).toBeUndefined();
  });
  it("should sum every term in floats, end terms included, for series complete through q, within a quarter unit of 2^−P", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 40, max: 420 }).chain((P) => fc.tuple(fc.constant(P), series(P, 40), series(P, 40))),
        ([P, x, y]) => {
          // Arrange
          const mirror = new SeriesMirror(P);
          const quarter = 1n << BigInt(P - 2);
          let answered = 0;
          for (let q = 0; q < x.length; q++) {
            // Act
            const fast = mirror.cauchy(x, y, q, true);
            // Assert
            if (fast === undefined) continue;
            answered++;
            expect(abs(fast - exactCauchy(x, y, q))).toBeLessThanOrEqual(quarter);
          }
          // every term of order 39, end terms included, below 2^(P + 135) units: quadruple-double's bound holds for all of them
          let small = true;
          for (let s = 0; s <= 39; s++) if (abs(x[s]! * y[39 - s]!) >= 1n << BigInt(P + 135)) small = false;
          if (small) expect(answered).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("should answer in quadruple-double where triple-double cannot promise a quarter unit: terms near 2^(P + 180) units of 2^−2P", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n << 60n, max: (1n << 62n) - 1n }), { minLength: 7, maxLength: 7 }),
        fc.boolean(),
        (bits, negative) => {
          // Arrange: coefficients about 2^(P − 10) (2^190 units), order 6: five middle terms of about 2^(P + 180);
          // triple-double's bound is about 2^(P + 39) units there, quadruple-double's below 2^(P − 5)
          const P = 200;
          const x = bits.map((b, s) => (negative && s % 2 === 1 ? -b : b) << BigInt(P - 72));
          const y = [...x].reverse();
          // Act
          const fast = new SeriesMirror(P).cauchy(x, y, 6);
          // Assert
          expect(fast).toBeDefined();
          expect(abs(fast! - exactCauchy(x, y, 6))).toBeLessThanOrEqual(1n << BigInt(P - 2));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("should answer nothing once a newer mirror has taken over the shared memory (its caller then sums exactly)", () => {
    // Arrange: small series whose order-4 product the shadow answers
    const P = 100;
    const x = [1n << 100n, 1n << 90n, 1n << 80n, 1n << 70n, 1n << 60n];
    const older = new SeriesMirror(P);
    const before = older.cauchy(x, x, 4);
    // Act
    const newer = new SeriesMirror(P);
    // Assert
    expect(before).toBe(exactCauchy(x, x, 4));
    expect(older.cauchy(x, x, 4)).toBeUndefined();
    expect(newer.cauchy(x, x, 4)).toBe(exactCauchy(x, x, 4));
  });

  it("should keep its answers within a quarter unit when its shadows outgrow the first memory pages", () => {
    // Arrange: 800 series of 40 coefficients, 2 MB of shadows (the memory starts with 1 MB)
    const P = 200;
    const mirror = new SeriesMirror(P);
    const quarter = 1n << BigInt(P - 2);
    const all = Array.from({ length: 800 }, (_, m) =>
      Array.from({ length: 40 }, (_, s) => ((BigInt(m + 3) * 0x9e3779b97f4a7c15n) >> BigInt(s % 7)) << BigInt(P - 3 * s - 64)),
    );
    // Act: every series shadowed once, then the first ones read again
    const first = all.map((x, m) => mirror.cauchy(x, all[(m + 1) % all.length]!, 39));
    const again = mirror.cauchy(all[0]!, all[1]!, 39);
    // Assert
    expect(first.every((v) => v !== undefined)).toBe(true);
    for (const [m, v] of first.entries())
      expect(abs(v! - exactCauchy(all[m]!, all[(m + 1) % all.length]!, 39))).toBeLessThanOrEqual(quarter);
    expect(again).toBe(first[0]);
  });
});

describe("layeredTaylorStep with the double-double and triple-double shadow", () => {
  it("should give the exact BigInt engine's coefficients to within 2^12 units of 2^−P, at 30 and 45 digits and the step lengths the integrator takes, free and sliding", () => {
    // Arrange: the benchmark's problem (l = 4, n = 8, d = 2 plus bias), whose steps run from h ≈ 0.01 to 0.15
    const path = (p: string): string => new URL(`../../../bench/flow/${p}`, import.meta.url).pathname;
    const net = readNetwork(readFileSync(path("net.json"), "utf8"));
    const { d, e } = networkShape(net);
    const data = readDataset(readFileSync(path("data.csv"), "utf8"), d, e);
    for (const digits of [30, 45]) {
      const { problem: p, theta0 } = compileFlowProblem(net, data, digits, "mse");
      const Q = Math.ceil(((digits + 4) * Math.LN10) / 2) + 1;
      const free = Array.from({ length: p.l }, () => []);
      const z0 = layeredTaylorStep(p, theta0, { side: data.X.map(() => new Array<number>(p.l).fill(1)), slidePoints: free }, p.F.ONE, 1).Z;
      const sides = z0.map((r) => r.map((c) => (c[0]! >= 0n ? 1 : -1)));
      // and with the first pair held on its surface (one constrained sliding pair: the sliding solve's products too)
      const held = sides.map((r, i) => r.map((sd, k) => (i === 0 && k === 0 ? 0 : sd)));
      const states: RegionState[] = [
        { side: sides, slidePoints: free },
        { side: held, slidePoints: free.map((_, k) => (k === 0 ? [0] : [])) },
      ];
      const bound = 1n << 12n;
      for (const [state, step] of states.flatMap((st) => [0.02, 0.15].map((h) => [st, h] as const))) {
        const h = BigInt(Math.round(step * 2 ** 40)) << BigInt(p.F.P - 40);
        // Act
        const shadowed = layeredTaylorStep(p, theta0, state, h, Q, {}, true);
        const exact = layeredTaylorStep(p, theta0, state, h, Q, {}, false);
        // Assert
        for (const [i, s] of shadowed.theta.entries())
          for (const [q, v] of s.entries()) expect(abs(v - exact.theta[i]![q]!), `θ${i} order ${q}`).toBeLessThanOrEqual(bound);
        for (const [i, row] of shadowed.Z.entries())
          for (const [k, s] of row.entries())
            for (const [q, v] of s.entries()) expect(abs(v - exact.Z[i]![k]![q]!), `z${k},${i} order ${q}`).toBeLessThanOrEqual(bound);
      }
    }
  });
});
