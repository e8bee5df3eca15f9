import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimalContext } from "../../src/scalar/decimalContext.js";
import { fixed, fixedToString } from "../../src/scalar/fixedPoint.js";
import { roundedDecimalText } from "../../src/scalar/roundedDecimalText.js";

/** The independent oracle: decimal.js's correctly rounded division at `digits`, printed in the library's notation. */
function viaDecimal(num: bigint, den: bigint, digits: number): string {
  const D = decimalContext(digits);
  return new D(num.toString()).div(new D(den.toString())).toString();
}

describe("roundedDecimalText", () => {
  it("should print num/den as decimal.js's division at D digits does, for any sizes", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 400n), max: 2n ** 400n }),
        fc.bigInt({ min: 1n, max: 2n ** 400n }),
        fc.integer({ min: 1, max: 90 }),
        (num, den, digits) => {
          expect(roundedDecimalText(num, den, digits)).toBe(viaDecimal(num, den, digits));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("should round exact halves to even and carry into a new leading digit", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
        fc.integer({ min: 0, max: 70 }),
        fc.integer({ min: 1, max: 40 }),
        (m, k, digits) => {
          // (2m + 1)/(2·10^k): a tie at the last kept digit whenever m has digits + k digits
          const num = 2n * m + 1n;
          const den = 2n * 10n ** BigInt(k);
          expect(roundedDecimalText(num, den, digits)).toBe(viaDecimal(num, den, digits));
        },
      ),
      { numRuns: 1000 },
    );
    expect(roundedDecimalText(5n, 2n, 1)).toBe("2");
    expect(roundedDecimalText(15n, 2n, 1)).toBe("8");
    expect(roundedDecimalText(-9999995n, 1000000n, 6)).toBe("-10");
  });

  it("should switch to exponential notation at 10^-30 and 10^60, as the library's decimal.js does", () => {
    for (let e = -35; e <= 65; e++) {
      for (const m of [1n, 7n, 123456789n, -31n]) {
        const [num, den] = e >= 0 ? [m * 10n ** BigInt(e), 1n] : [m, 10n ** BigInt(-e)];
        for (const digits of [1, 3, 12])
          expect(roundedDecimalText(num, den, digits), `${m}e${e} at ${digits}`).toBe(viaDecimal(num, den, digits));
      }
    }
  });

  it("should give fixedToString the text of decimal.js's a/2^P at D digits", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }),
        fc.integer({ min: 0, max: 260 }),
        fc.integer({ min: 10, max: 80 }),
        (a, P, D) => {
          expect(fixedToString(fixed(P), a, D)).toBe(viaDecimal(a, 1n << BigInt(P), D));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
