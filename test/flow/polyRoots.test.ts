import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { polyEval } from "../../src/flow/_internals/fixedPolynomial.js";
import { firstNegative } from "../../src/flow/_internals/polyRoots.js";
import { fixed } from "../../src/scalar/fixedPoint.js";
import { exactGridSign } from "../helpers/exactGridSign.js";

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

/*
 * Dips the 32 samples cannot see. g = ((τ − c)² − ε)·((τ − c + λ)² + ν)·(1 + τ/2)^e: the first
 * factor alone makes the dip (roots c ∓ √ε, the only ones: the other factors are > 0), the
 * second makes g rise at the sample left of c (λ between one and two times c's distance to it,
 * ν small), the third lengthens the polynomial. Coefficients in fixed point, products floored.
 */
const H = fixed(240);

function multiply(a: readonly bigint[], b: readonly bigint[]): bigint[] {
  const out = new Array<bigint>(a.length + b.length - 1).fill(0n);
  for (const [i, x] of a.entries()) for (const [j, y] of b.entries()) out[i + j]! += (x * y) >> H.bigP;
  return out;
}

const exactSign = (c: readonly bigint[], X: bigint): number => exactGridSign(H, c, X);

/**
 * The oracle's first root in (0, 1]: the first negative point of a grid of 512, narrowed by
 * exact bisection to the grid unit where the sign turns, or a known root of the construction
 * if one comes first.
 */
function oracleFirstRoot(c: readonly bigint[], known: readonly bigint[]): bigint | undefined {
  let first: bigint | undefined;
  for (let k = 1n; k <= 512n && first === undefined; k++) {
    const X = (H.ONE * k) / 512n;
    if (exactSign(c, X) < 0) {
      let lo = (H.ONE * (k - 1n)) / 512n;
      let hi = X;
      while (hi - lo > 1n) {
        const mid = (lo + hi) >> 1n;
        if (exactSign(c, mid) < 0) hi = mid;
        else lo = mid;
      }
      first = hi;
    }
  }
  for (const r of known) if (r > 0n && r <= H.ONE && (first === undefined || r < first)) first = r;
  return first;
}

/** c ∈ scan interval j, at a fraction f ∈ [0.35, 0.9] of it; λ = 1.5·(c − t_{j−1}), ν = λ²/36. */
const dipPlace = fc.record({
  j: fc.integer({ min: 1, max: 30 }),
  f: fc.integer({ min: 350, max: 900 }),
  e: fc.integer({ min: 0, max: 24 }),
});

function dipPolynomial({ j, f, e }: { j: number; f: number; e: number }, epsilon: bigint): { c: bigint[]; centre: bigint } {
  const centre = (H.ONE * BigInt(1000 * j + f)) / 32000n;
  const lambda = (3n * (centre - (H.ONE * BigInt(j)) / 32n)) / 2n;
  const nu = ((lambda * lambda) / 36n) >> H.bigP;
  const lifted = centre - lambda;
  let c = multiply(
    [((centre * centre) >> H.bigP) - epsilon, -2n * centre, H.ONE],
    [((lifted * lifted) >> H.bigP) + nu, -2n * lifted, H.ONE],
  );
  for (let k = 0; k < e; k++) c = multiply(c, [H.ONE, H.ONE / 2n]);
  return { c, centre };
}

/** ⌊√(v·2^P)⌋: the square root of a fixed-point value v ≥ 0. */
function fixedSqrt(v: bigint): bigint {
  return v === 0n ? 0n : integerSqrt(v << H.bigP);
}

describe("firstNegative between two samples", () => {
  it("should find the first root of a dip between two samples whose derivatives are both positive, from 10^−3 to 10^−50 deep", () => {
    fc.assert(
      fc.property(dipPlace, fc.integer({ min: 3, max: 50 }), (place, k) => {
        // Arrange
        const epsilon = H.ONE / 10n ** BigInt(k);
        const { c, centre } = dipPolynomial(place, epsilon);
        const root = centre - fixedSqrt(epsilon);
        if (k >= 8) {
          // the dip lies between samples j and j + 1, where g > 0 and g' > 0: no sign in the samples
          for (const t of [(H.ONE * BigInt(place.j)) / 32n, (H.ONE * BigInt(place.j + 1)) / 32n]) {
            expect(polyEval(H, c, t) > 0n).toBe(true);
            let slope = 0n;
            for (let q = c.length - 1; q >= 1; q--) slope = ((slope * t) >> H.bigP) + BigInt(q) * c[q]!;
            expect(slope > 0n).toBe(true);
          }
        }
        const oracle = oracleFirstRoot(c, [root, centre + fixedSqrt(epsilon)]);
        // Act
        const r = firstNegative(H, c, H.ONE);
        // Assert: a root, where g < 0, at the oracle's first root to far less than the dip's
        // half-width √ε ≥ 10^−25 (the coefficients' floors move it by about 10^−42)
        const slack = H.ONE / 10n ** 35n;
        expect(oracle).toBeDefined();
        expect(r).toBeDefined();
        expect(polyEval(H, c, r!) < 0n).toBe(true);
        expect(r! <= oracle! + slack).toBe(true);
        expect(r! >= root - slack).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("should find no root where g stays above 0 by 10^−40 or more, however narrow its low point between two samples", () => {
    fc.assert(
      fc.property(dipPlace, fc.integer({ min: 10, max: 36 }), (place, k) => {
        // Arrange: the same shape lifted by δ = 10^−k: its minimum is about δ·λ² ≥ 10^−40
        const { c } = dipPolynomial(place, -(H.ONE / 10n ** BigInt(k)));
        // Act & Assert
        expect(firstNegative(H, c, H.ONE)).toBeUndefined();
        expect(oracleFirstRoot(c, [])).toBeUndefined();
      }),
      { numRuns: 30 },
    );
  });

  it("should keep its proofs past 900 fraction bits, where the doubles carry g times 2^(P−900)", () => {
    // Arrange: g = (τ − m)² ∓ δ at P = 1000, δ from 10^−5 to 10^−250 (√δ below m)
    const G = fixed(1000);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 5, max: 250 }),
        fc.boolean(),
        (j, f, k, dips) => {
          const m = (G.ONE * BigInt(1000 * j + f)) / 32000n;
          const delta = G.ONE / 10n ** BigInt(k);
          const c = [((m * m) >> G.bigP) + (dips ? -delta : delta), -2n * m, G.ONE];
          // Act
          const r = firstNegative(G, c, G.ONE);
          // Assert: none above the axis; below it the first crossing m − √δ
          if (!dips) {
            expect(r).toBeUndefined();
            return;
          }
          expect(r).toBeDefined();
          expect(polyEval(G, c, r!) < 0n).toBe(true);
          // the coefficients' floors move a root of slope 2√δ by about 1/√δ units, far inside the dip
          const sqrtDelta = integerSqrt(delta << G.bigP);
          const root = m - sqrtDelta;
          const off = r! > root ? r! - root : root - r!;
          expect(off <= (4n * G.ONE) / sqrtDelta + 64n).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });

  it("should decide a flat touch of fourth order, where g'' vanishes too, either way", () => {
    // Arrange: g = (τ − c)^4 ∓ δ, off the sample grid; the exact integers decide the flat bottom
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 12, max: 40 }),
        fc.boolean(),
        (j, f, k, dips) => {
          const centre = (H.ONE * BigInt(1000 * j + f)) / 32000n;
          const delta = H.ONE / 10n ** BigInt(k);
          const square = multiply([-centre, H.ONE], [-centre, H.ONE]);
          const c = multiply(square, square);
          c[0]! += dips ? -delta : delta;
          // Act
          const r = firstNegative(H, c, H.ONE);
          // Assert: the root c − δ^{1/4} when it dips, none when it stays above δ
          if (!dips) {
            expect(r).toBeUndefined();
            return;
          }
          const root = centre - fixedSqrt(fixedSqrt(delta));
          expect(r).toBeDefined();
          expect(polyEval(H, c, r!) < 0n).toBe(true);
          const off = r! > root ? r! - root : root - r!;
          expect(off <= H.ONE / 10n ** 20n).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});
