import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { layeredTaylorStep, type RegionState, type TaylorStep } from "../../../src/net/kernels/layeredTaylorSeries.js";
import { compileFlowProblem } from "../../../src/flow/_internals/flowProblem.js";
import type { Activation } from "../../../src/net/activation.js";
import type { LayeredNetwork } from "../../../src/net/layeredNetwork.js";
import { readNetwork } from "../../../src/net/readNetwork.js";
import { readDataset } from "../../../src/net/readDataset.js";
import { networkShape } from "../../../src/net/networkShape.js";
import { denseLayers, rowsOf } from "../../helpers/arbitraries.js";

const abs = (v: bigint): bigint => (v < 0n ? -v : v);

/** The largest |a − b| over θ's and z's coefficients of two steps, in units of 2^−P. */
function largestGap(a: TaylorStep, b: TaylorStep): bigint {
  let gap = 0n;
  for (const [i, s] of a.theta.entries())
    for (const [q, v] of s.entries()) {
      const d = abs(v - b.theta[i]![q]!);
      if (d > gap) gap = d;
    }
  for (const [i, row] of a.Z.entries())
    for (const [k, s] of row.entries())
      for (const [q, v] of s.entries()) {
        const d = abs(v - b.Z[i]![k]![q]!);
        if (d > gap) gap = d;
      }
  return gap;
}

/** A step length `fraction` of the field's scale: fraction / max|θ′(0)|, as fixed point. */
function stepOf(fraction: number, first: TaylorStep, P: number): bigint {
  const f0 = first.theta.reduce((m, c) => Math.max(m, Math.abs(Number(c[1]!) / 2 ** P)), 0);
  const h = Math.min(1, fraction / (1e-30 + f0));
  return BigInt(Math.max(1, Math.round(h * 2 ** 40))) << BigInt(P - 40);
}

const weight = fc.integer({ min: -12, max: 12 }).map((k) => `${k}/8`);
const activation: fc.Arbitrary<Activation> = fc.constantFrom<Activation>(
  { kind: "relu" },
  { kind: "leaky_relu", slope: "1/10" },
  { kind: "abs" },
);

/** A dense net of depth 2 or 3 (widths 1–6), its data (n 1–10), a random side per pair, a step, an order and a precision. */
const denseCase = fc
  .record({
    widths: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 3, maxLength: 4 }),
    n: fc.integer({ min: 1, max: 10 }),
  })
  .chain(({ widths, n }) =>
    fc.record({
      activation,
      layers: denseLayers(widths, weight),
      X: rowsOf(n, widths[0]!, weight),
      Y: rowsOf(n, widths.at(-1)!, weight),
      sides: fc.array(fc.array(fc.constantFrom(1, -1), { minLength: 18, maxLength: 18 }), { minLength: n, maxLength: n }),
      fraction: fc.double({ min: 0.01, max: 0.2, noNaN: true }),
      Q: fc.integer({ min: 10, max: 60 }),
      digits: fc.integer({ min: 20, max: 50 }),
      decay: fc.boolean(),
    }),
  );

describe("layeredTaylorStep with the float tail", () => {
  it("should give the exact engine's θ and z coefficients to within 2^12 units of 2^−P on random dense nets of depth 2 and 3, and take the tail for most, from order 0 for many", () => {
    let floated = 0;
    let whole = 0;
    let cases = 0;
    fc.assert(
      fc.property(denseCase, (c) => {
        // Arrange
        const net: LayeredNetwork<string> = { activation: c.activation, layers: c.layers };
        const { problem: p, theta0 } = compileFlowProblem(net, { X: c.X, Y: c.Y }, c.digits, "mse");
        const state: RegionState = {
          side: c.sides.map((row) => row.slice(0, p.units)),
          slidePoints: Array.from({ length: p.l }, () => []),
        };
        const dynamics = c.decay ? { decay: p.F.ONE / 20n } : {};
        const h = stepOf(c.fraction, layeredTaylorStep(p, theta0, state, p.F.ONE, 1, dynamics), p.F.P);
        // Act
        const tail = layeredTaylorStep(p, theta0, state, h, c.Q, dynamics, true, true);
        const exact = layeredTaylorStep(p, theta0, state, h, c.Q, dynamics, false);
        // Assert
        cases++;
        if (tail.floatedFrom !== undefined) floated++;
        if (tail.floatedFrom === 0) whole++;
        expect(largestGap(tail, exact)).toBeLessThanOrEqual(1n << 12n);
        for (const [i, row] of tail.H.entries())
          for (const [k, s] of row.entries())
            for (const [q, v] of s.entries()) expect(abs(v - exact.H[i]![k]![q]!)).toBeLessThanOrEqual(1n << 12n);
      }),
      { numRuns: 40 },
    );
    // the property is about the tail: it must have run in most cases, not fallen back to BigInt
    expect(floated).toBeGreaterThan(cases / 2);
    // and, for many, the whole step from order 0 (θ(0) and the data convert exactly below about 210 fraction bits)
    expect(whole).toBeGreaterThan(cases / 3);
  });

  it("should take the tail on the benchmark's steps at 30, 45 and 50 digits (the whole step at 30 and 45) and stay within 16 units of the exact engine", () => {
    // Arrange: the benchmark's problem at its first step length (≈ 0.03 from θ(0))
    const path = (f: string): string => new URL(`../../../bench/flow/${f}`, import.meta.url).pathname;
    const net = readNetwork(readFileSync(path("net.json"), "utf8"));
    const { d, e } = networkShape(net);
    const data = readDataset(readFileSync(path("data.csv"), "utf8"), d, e);
    for (const digits of [30, 45, 50]) {
      const { problem: p, theta0 } = compileFlowProblem(net, data, digits, "mse");
      const Q = Math.ceil(((digits + 4) * Math.LN10) / 2) + 1;
      const free = Array.from({ length: p.l }, () => []);
      const z0 = layeredTaylorStep(p, theta0, { side: data.X.map(() => new Array<number>(p.l).fill(1)), slidePoints: free }, p.F.ONE, 1).Z;
      const state: RegionState = { side: z0.map((r) => r.map((c) => (c[0]! >= 0n ? 1 : -1))), slidePoints: free };
      const h = BigInt(Math.round(0.029 * 2 ** 40)) << BigInt(p.F.P - 40);
      // Act
      const tail = layeredTaylorStep(p, theta0, state, h, Q, {}, true, true);
      const exact = layeredTaylorStep(p, theta0, state, h, Q, {}, false);
      // Assert: within the contract's 2^12 units, and in fact within a few (each sum within a quarter
      // unit, each BigInt floor within one)
      // from order 0 where θ(0) and the data convert exactly (P ≈ 150 and 199; at 50 digits P ≈ 216 they do not)
      if (digits < 50) expect(tail.floatedFrom).toBe(0);
      else expect(tail.floatedFrom).toBeGreaterThan(0);
      expect(largestGap(tail, exact)).toBeLessThanOrEqual(16n);
    }
  });

  it("should leave a step whose products are too large for quadruple-double to BigInt, with the exact engine's coefficients", () => {
    // Arrange: the benchmark at 45 digits with a step of 1, where the coefficients barely shrink
    const path = (f: string): string => new URL(`../../../bench/flow/${f}`, import.meta.url).pathname;
    const net = readNetwork(readFileSync(path("net.json"), "utf8"));
    const { d, e } = networkShape(net);
    const data = readDataset(readFileSync(path("data.csv"), "utf8"), d, e);
    const { problem: p, theta0 } = compileFlowProblem(net, data, 45, "mse");
    const free = Array.from({ length: p.l }, () => []);
    const state: RegionState = { side: data.X.map(() => new Array<number>(p.l).fill(1)), slidePoints: free };
    // Act
    const tail = layeredTaylorStep(p, theta0, state, p.F.ONE, 40, {}, true, true);
    const shadowed = layeredTaylorStep(p, theta0, state, p.F.ONE, 40, {}, true, false);
    // Assert
    expect(tail.floatedFrom).toBeUndefined();
    expect(tail.theta).toEqual(shadowed.theta);
  });
});
