import Algebrite from "algebrite";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { incompleteBeta } from "../../src/probability/incompleteBeta.js";
import { incompleteBetaClosedForm } from "../../src/probability/incompleteBetaClosedForm.js";
import { Big, distance, reference, rounded } from "./helpers.js";

/** A rational in (0, 1) as text, with denominators up to 500. */
const arbX = (lo = 1, hi = 499): fc.Arbitrary<string> =>
  fc
    .integer({ min: 2, max: 500 })
    .chain((den) =>
      fc
        .integer({ min: Math.max(1, Math.ceil((lo * den) / 500)), max: Math.min(den - 1, Math.floor((hi * den) / 500)) })
        .map((num) => `${num}/${den}`),
    );
const arbTwice = fc.integer({ min: 1, max: 24 });

describe("incompleteBeta", () => {
  for (const digits of [40, 100]) {
    it(`should equal mpmath's betainc rounded to ${digits} digits on every reference point`, () => {
      for (const r of reference.incompleteBeta) {
        // Act
        const got = incompleteBeta(r.x, r.a, r.b, { digits });
        // Assert: the single final rounding of the exact value
        expect(new Big(got).eq(rounded(r.value, digits)), `I_${r.x}(${r.a}, ${r.b}) = ${got}`).toBe(true);
      }
    });
  }

  it("should satisfy I_x(a, b) = 1 − I_{1−x}(b, a) with both sides summed directly", () => {
    fc.assert(
      fc.property(arbX(75, 425), arbTwice, arbTwice, (x, A, B) => {
        const [n, d] = x.split("/").map(Number) as [number, number];
        const left = incompleteBeta(x, A / 2, B / 2, { digits: 40, direct: true });
        const right = incompleteBeta(`${d - n}/${d}`, B / 2, A / 2, { digits: 40, direct: true });
        // each is within half an ulp at 40 digits of a value at most 1
        expect(new Big(left).plus(right).minus(1).abs().lte("1e-40")).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it("should return the end values at x = 0 and x = 1", () => {
    expect(incompleteBeta("0", 3, 0.5)).toBe("0");
    expect(incompleteBeta("1", 3, 0.5)).toBe("1");
  });

  it("should reject parameters that are not positive half-integers and x outside [0, 1]", () => {
    expect(() => incompleteBeta("1/2", 0.3, 1)).toThrow(InputError);
    expect(() => incompleteBeta("1/2", 0, 1)).toThrow(InputError);
    expect(() => incompleteBeta("3/2", 1, 1)).toThrow(/invalid x/);
    expect(() => incompleteBeta("1/2", 1, 1, { digits: 0 })).toThrow(/invalid digits/);
  });
});

describe("incompleteBetaClosedForm", () => {
  for (const digits of [40, 100]) {
    it(`should agree with the series to all ${digits} digits`, () => {
      fc.assert(
        fc.property(arbX(), arbTwice, arbTwice, (x, A, B) => {
          const closed = incompleteBetaClosedForm(x, A / 2, B / 2).evaluate(digits);
          const series = incompleteBeta(x, A / 2, B / 2, { digits });
          expect(closed, `I_${x}(${A}/2, ${B}/2) = ${incompleteBetaClosedForm(x, A / 2, B / 2).expression}`).toBe(series);
        }),
        { numRuns: digits === 40 ? 60 : 25 },
      );
    });
  }

  it("should give 1 − sqrt(ρ/(1+ρ)) for d_in = 2, e = 1 (docs/theory.md §5), evaluated independently", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (P, Q) => {
        // ρ = P/Q, x = 1/(1 + ρ) = Q/(P + Q)
        const got = incompleteBetaClosedForm(`${Q}/${P + Q}`, 1, 0.5).evaluate(40);
        const rho = new Big(P).div(Q);
        const want = new Big(1).minus(rho.div(rho.plus(1)).sqrt());
        expect(distance(got, want).lte(want.times("1e-39"))).toBe(true);
      }),
    );
  });

  it("should print the anchors as readable exact expressions", () => {
    expect(incompleteBetaClosedForm("1/2", 1, 0.5).expression).toBe("1 - sqrt(2)/2");
    // Kaiming normal d_in = 3, l = 4: ρ = 4/3, x = 3/7
    expect(incompleteBetaClosedForm("3/7", 1.5, 0.5).expression).toBe("2*arctan(sqrt(3)/2)/pi - 4*sqrt(3)/(7*pi)");
    // d_in = e = 1: (2/π) arctan(1/√ρ); ρ = 3 gives arctan(1/√3) = π/6
    expect(incompleteBetaClosedForm("1/4", 0.5, 0.5).expression).toBe("1/3");
    // both even: a rational
    expect(incompleteBetaClosedForm("1/4", 1, 1).expression).toBe("1/4");
  });

  it("should give exactly 1/2 at ρ = 1 when d_in = e, since then w and a are exchangeable", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (d) => {
        const cf = incompleteBetaClosedForm("1/2", d / 2, d / 2);
        expect(cf.expression).toBe("1/2");
        expect(cf.evaluate(40)).toBe("0.5");
      }),
      { numRuns: 30 },
    );
  });

  it("should print expressions that algebrite evaluates to the same value", () => {
    for (const [x, a, b] of [
      ["3/7", 1.5, 0.5],
      ["2/3", 2.5, 3.5],
      ["1/5", 4, 0.5],
      ["5/9", 3.5, 2],
      ["7/8", 4.5, 0.5],
    ] as const) {
      const cf = incompleteBetaClosedForm(x, a, b);
      const fromAlgebrite = Number(Algebrite.run(`float(${cf.expression})`).replace("...", ""));
      expect(Math.abs(fromAlgebrite - Number(cf.evaluate(20)))).toBeLessThan(1e-5);
    }
  });
});
