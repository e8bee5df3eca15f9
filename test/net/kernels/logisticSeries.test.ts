import fc from "fast-check";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { logisticSeriesAt } from "../../../src/net/kernels/logisticSeries.js";
import { decimalContext } from "../../../src/scalar/decimalContext.js";
import { fixed, fixedToDouble } from "../../../src/scalar/fixedPoint.js";
import { runs } from "../../helpers/campaign.js";

const F = fixed(200);
const Dec = decimalContext(80, { notation: "decimal.js" });
const p = { F, Dec };
const ONE = new Decimal(F.ONE.toString());
const toFixed = (x: Decimal): bigint => BigInt(x.times(ONE).toFixed(0));

describe("logisticSeriesAt", () => {
  it("should sum to σ(a + bτ) at τ = 1/100 to 1e-25, for any a (no overflow for f ≪ 0) — decimal.js as the oracle", {
    tags: ["long"],
  }, () => {
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: -500, max: 500 }), (a10, b100) => {
        // Arrange: f(τ) = a + bτ with a ∈ [−500, 500], b ∈ [−5, 5]
        const a = new Dec(a10).div(10);
        const b = new Dec(b100).div(100);
        const Q = 14;
        const f = Array.from({ length: Q + 1 }, (_, q) => (q === 0 ? toFixed(a) : q === 1 ? toFixed(b) : 0n));
        const w = new Array<bigint>(Q + 1).fill(0n);
        const sigma = new Array<bigint>(Q + 1).fill(0n);
        // Act
        for (let q = 0; q <= Q; q++) logisticSeriesAt(p, f, w, sigma, q);
        // Assert: Σ σ_q τ^q against σ(a + bτ) computed directly
        const tau = new Dec(1).div(100);
        const sum = sigma.reduce((s, c, q) => s.plus(new Dec(c.toString()).div(ONE.toString()).times(tau.pow(q))), new Dec(0));
        const direct = new Dec(1).div(new Dec(1).plus(Dec.exp(a.plus(b.times(tau)).neg())));
        expect(sum.minus(direct).abs().toNumber()).toBeLessThan(1e-25);
        for (const c of sigma) expect(Number.isFinite(fixedToDouble(F, c))).toBe(true);
      }),
      { numRuns: runs(200, 50) },
    );
  });
});
