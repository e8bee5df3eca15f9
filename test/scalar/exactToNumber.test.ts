import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimal } from "../../src/scalar/decimal.js";
import { exact } from "../../src/scalar/exact.js";

const D = decimal(40);

describe("exact.toNumber", () => {
  it("should give the float within an ulp of a rational whose numerator and denominator are each beyond a float's range", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: (1n << 80n) - 1n }),
        fc.bigInt({ min: 1n, max: (1n << 80n) - 1n }),
        fc.integer({ min: 1030, max: 3000 }),
        fc.integer({ min: -40, max: 40 }),
        fc.boolean(),
        (p, q, bits, skew, negative) => {
          // odd numerator over a power of two times an odd number: the fraction is already reduced
          const num = (p << BigInt(bits + skew)) + 1n;
          const den = (q << BigInt(bits)) + 1n;
          const text = `${negative ? "-" : ""}${num}/${den}`;
          const got = exact.toNumber(exact.parse(text));
          // the oracle: 40-digit decimal division of the same text
          const ref = D.toNumber(D.parse(text));
          expect(Number.isFinite(got)).toBe(true);
          expect(Math.abs(got - ref)).toBeLessThanOrEqual(2 ** -51 * Math.abs(ref));
        },
      ),
    );
  });

  it("should keep the value of ordinary rationals", () => {
    expect(exact.toNumber(exact.parse("-3/8"))).toBe(-0.375);
    expect(exact.toNumber(exact.parse("0"))).toBe(0);
    expect(exact.toNumber(exact.parse(`1/${1n << 1100n}`))).toBe(0);
  });
});
