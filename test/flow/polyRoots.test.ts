import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { polyEval } from "../../src/flow/_internals/fixedPolynomial.js";
import { firstNegative } from "../../src/flow/_internals/polyRoots.js";
import { fixed } from "../../src/scalar/fixedPoint.js";

const F = fixed(120);

/** A fixed-point value from a small rational p/2^k (exact). */
const value = fc
  .tuple(fc.integer({ min: -4000, max: 4000 }), fc.integer({ min: 0, max: 12 }))
  .map(([p, k]) => (BigInt(p) << F.bigP) >> BigInt(k));

/** Polynomials of degree 1–12, most with a positive constant term well above the others (far from their kinks, as most pairs are). */
const polynomial = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(value, { minLength: 2, maxLength: 13 })).map(([lift, c]) => {
  const out = [...c];
  out[0] = out[0]! < 0n ? -out[0]! : out[0]!;
  out[0]! += BigInt(lift) * 64n * F.ONE;
  return out;
});

/** ⌊√n⌋ (n > 0) by Newton's method on integers, from a power of two above it: the iterates fall to it. */
function integerSqrt(n: bigint): bigint {
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

const tauMax = fc.integer({ min: 1, max: 1 << 20 }).map((m) => (F.ONE * BigInt(m)) >> 20n);

describe("firstNegative", () => {
  it("should find no root only where the fixed-point polynomial stays non-negative on a fine grid, and a root only where it is negative", () => {
    fc.assert(
      fc.property(polynomial, tauMax, (c, tmax) => {
        // Act
        const r = firstNegative(F, c, tmax);
        // Assert: against 128 grid points evaluated in fixed point, the oracle the scan must agree with
        if (r === undefined) {
          for (let j = 1; j <= 128; j++) expect(polyEval(F, c, (tmax * BigInt(j)) / 128n) >= 0n).toBe(true);
          return;
        }
        expect(r > 0n && r <= tmax).toBe(true);
        expect(polyEval(F, c, r) < 0n).toBe(true);
        // nothing negative on the grid before it (the first root, not any root)
        for (let j = 1; j <= 128; j++) {
          const tau = (tmax * BigInt(j)) / 128n;
          if (tau < r - 4n) expect(polyEval(F, c, tau) >= 0n).toBe(true);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("should find a kink crossed and crossed back inside a step, however shallow the dip between two samples", () => {
    // Arrange: g = (τ − m)² − δ, below 0 only on (m − √δ, m + √δ); m off the 32 scan points, δ from
    // 10^−14 (beyond the doubles' 10^−12 of the scale) to 10^−50 (a dip narrower than 2^−40 of the step)
    const G = fixed(240);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 14, max: 50 }), (j, frac, k) => {
        const m = (G.ONE * BigInt(1000 * j + frac)) / 32000n;
        const delta = G.ONE / 10n ** BigInt(k);
        const c = [((m * m) >> G.bigP) - delta, -2n * m, G.ONE];
        // Act
        const r = firstNegative(G, c, G.ONE);
        // Assert: the first crossing m − √δ, to a few units of the last place
        expect(r).toBeDefined();
        expect(polyEval(G, c, r!) < 0n).toBe(true);
        // √δ in fixed point; the coefficients' floors (a unit or two) move a root of slope 2√δ by about 1/√δ units
        const sqrtDelta = integerSqrt(delta << G.bigP);
        const root = m - sqrtDelta;
        const slack = G.ONE / sqrtDelta + 8n;
        expect(r! >= root - slack && r! <= root + slack).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("should find the root of z = 1/8 − τ at τ = 1/8 when the step reaches it, and none in a step that stops short", () => {
    // Arrange
    const c = [F.ONE >> 3n, -F.ONE];
    // Act & Assert
    const r = firstNegative(F, c, F.ONE);
    expect(r).toBeDefined();
    expect(r! - (F.ONE >> 3n)).toBeGreaterThanOrEqual(0n);
    expect(r! - (F.ONE >> 3n)).toBeLessThanOrEqual(4n);
    expect(firstNegative(F, c, F.ONE >> 4n)).toBeUndefined();
  });
  it("should return the first of two crossings when the step ends just before the second (a kink and a switch of one unit at one instant)", () => {
    // Arrange: g = (τ − r1)(τ − r2) dips below 0 on (r1, r2), r1 = 1 − 2^−10 and r2 one unit past
    // the step's end τmax = 1 − 2^−40: the scan sees g < 0 only at τmax, where g rises and
    // Newton's step leaves the bracket by a unit; the crossing is r1, not τmax
    const r1 = F.ONE - (F.ONE >> 10n);
    const tmax = F.ONE - (F.ONE >> 40n);
    const r2 = tmax + 1n;
    const c = [(r1 * r2) >> F.bigP, -(r1 + r2), F.ONE];
    // Act
    const r = firstNegative(F, c, tmax);
    // Assert
    expect(r).toBeDefined();
    expect(polyEval(F, c, r!) < 0n).toBe(true);
    // the constant term's floor moves the fixed-point root by a unit over the slope r2 − r1 = 2^−10
    const off = r! > r1 ? r! - r1 : r1 - r!;
    expect(off).toBeLessThanOrEqual(2n ** 11n);
  });
});
