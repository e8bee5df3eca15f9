import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { polyEval } from "../../src/flow/_internals/fixedPolynomial.js";
import { excludeInterval, roomFor } from "../../src/flow/_internals/intervalExclusion.js";
import { fixed, fixedToDouble } from "../../src/scalar/fixedPoint.js";
import { exactGridSign } from "../helpers/exactGridSign.js";

const F = fixed(160);

const exactSign = (c: readonly bigint[], X: bigint): number => exactGridSign(F, c, X);

/** ±(κ + Π (τ − r_i)): up to 6 roots in [0, 1], often one of them double, and a lift κ = ±10^−k that splits it into a dip or lifts it off into a near miss. */
const polynomial = fc
  .record({
    roots: fc.array(fc.integer({ min: 0, max: 1 << 16 }), { minLength: 1, maxLength: 5 }),
    double: fc.boolean(),
    lift: fc.integer({ min: -8, max: 8 }),
    liftScale: fc.integer({ min: 2, max: 40 }),
  })
  .map(({ roots, double, lift, liftScale }) => {
    let c: bigint[] = [F.ONE];
    for (const r of double ? [...roots, roots[0]!] : roots) {
      const root = (F.ONE * BigInt(r)) >> 16n;
      const next = new Array<bigint>(c.length + 1).fill(0n);
      for (const [q, v] of c.entries()) {
        next[q + 1]! += v;
        next[q]! -= (v * root) >> F.bigP;
      }
      c = next;
    }
    c[0]! += (BigInt(lift) * F.ONE) / 10n ** BigInt(liftScale);
    const root = (F.ONE * BigInt(roots[0]!)) >> 16n;
    return { c, root, double };
  });

/** An interval [A, B] of [0, 1], from wide to a few grid points, often about the double root (at a fraction of its width). */
const interval = fc.record({
  start: fc.integer({ min: 0, max: 1 << 20 }),
  width: fc.integer({ min: 1, max: 1 << 20 }),
  shrink: fc.integer({ min: 0, max: 150 }),
  aboutRoot: fc.integer({ min: -1, max: 255 }),
});

function place(
  root: bigint,
  { start, width, shrink, aboutRoot }: typeof interval extends fc.Arbitrary<infer T> ? T : never,
): [bigint, bigint] {
  const w = (((F.ONE * BigInt(width)) >> 20n) >> BigInt(shrink)) + 1n;
  const A0 = aboutRoot < 0 ? (F.ONE * BigInt(start)) >> 20n : root - (w * BigInt(aboutRoot)) / 256n;
  const A = A0 < 0n ? 0n : A0;
  const B = A + w;
  return [A, B > F.ONE ? F.ONE : B];
}

describe("excludeInterval", () => {
  it("should prove g ≥ 0 only where the exact g is ≥ 0 at every point of a fine grid, and bracket only a true first failure", () => {
    fc.assert(
      fc.property(polynomial, fc.boolean(), interval, ({ c: c0, root, double }, flip, where) => {
        // Arrange: the precondition, g(A) ≥ 0 exactly
        const c = flip ? c0.map((v) => -v) : c0;
        const [A, B] = place(root, where);
        fc.pre(A < B && exactSign(c, A) >= 0);
        const p = { F, c, cd: c.map((v) => fixedToDouble(F, v)), room: roomFor(c.length) };
        // Act
        const bracket = excludeInterval(p, A, B);
        // Assert against 257 grid points (on a narrow interval, every point) and the ladder
        const even =
          B - A <= 64n
            ? Array.from({ length: Number(B - A) + 1 }, (_, k) => A + BigInt(k))
            : Array.from({ length: 257 }, (_, k) => A + ((B - A) * BigInt(k)) / 256n);
        // a ladder of grid points closing in on the double root from the left, where a dip's
        // first crossing hides from any even grid
        const ladder = double ? Array.from({ length: F.P }, (_, i) => root - (1n << BigInt(i))) : [];
        const points = [...even, ...ladder.filter((X) => X >= A && X <= B)];
        if (bracket === undefined) {
          for (const X of points) expect(exactSign(c, X)).toBeGreaterThanOrEqual(0);
          return;
        }
        const [a, b] = bracket;
        expect(A <= a && a < b && b <= B).toBe(true);
        expect(polyEval(F, c, b) < 0n).toBe(true);
        for (const X of points) if (X <= a) expect(exactSign(c, X)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });
});
