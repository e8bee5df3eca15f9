import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRational } from "../../src/scalar/parseRational.js";
import { exact } from "../../src/scalar/exact.js";
import { decimal } from "../../src/scalar/decimal.js";
import { float } from "../../src/scalar/float.js";
import { InputError } from "../../src/errors.js";
import type { Scalar } from "../../src/scalar/scalar.js";

const value = (t: string): string => exact.toString(exact.parse(t));

describe("parseRational", () => {
  it("should read the user number forms exactly", () => {
    expect(value("3/4")).toBe("3/4");
    expect(value("-0.125")).toBe("-1/8");
    expect(value("1e-3")).toBe("1/1000");
    expect(value("7")).toBe("7");
    expect(value("2.5E2")).toBe("250");
    expect(value("-6/-4")).toBe("3/2");
    expect(value("1.5/0.5")).toBe("3");
    expect(value(".5")).toBe("1/2");
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: the title quotes the template that builds the literal under test.
  it("should give m·10^k for the literal `${m}e${k}`", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: -40, max: 40 }), (m, k) => {
        const { num, den } = parseRational(`${m}e${k}`);
        // num/den = m·10^k  ⇔  num·10^{-k} = m·den (cross-multiplied, exact)
        if (k >= 0) expect(num).toBe(m * 10n ** BigInt(k) * den);
        else expect(num * 10n ** BigInt(-k)).toBe(m * den);
      }),
    );
  });

  it("should round-trip p/q and its decimal expansion when it terminates", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (p, a, b) => {
          const q = 2n ** BigInt(a) * 5n ** BigInt(b);
          const r = exact.fromRational(p, q);
          expect(exact.eq(exact.parse(`${p}/${q}`), r)).toBe(true);
          // the terminating decimal of p/q, written digit by digit
          const scale = BigInt(Math.max(a, b));
          const scaled = (p * 10n ** scale) / q;
          const neg = scaled < 0n;
          const digits = (neg ? -scaled : scaled).toString().padStart(Number(scale) + 1, "0");
          const text = `${neg ? "-" : ""}${digits.slice(0, digits.length - Number(scale))}.${digits.slice(digits.length - Number(scale))}`;
          expect(exact.eq(exact.parse(text), r)).toBe(true);
        },
      ),
    );
  });

  it("should reject malformed numbers with an InputError", () => {
    for (const bad of ["", "foo", "1/0", "NaN", "Infinity", "0x10", "1..2", "--1", "1/2/3", "1e", "."]) {
      expect(() => parseRational(bad), bad).toThrow(InputError);
    }
  });
});

describe("scalar kinds", () => {
  it("should parse without passing through a double", () => {
    // 0.1 is not a double; in exact and decimal it must stay 1/10.
    expect(exact.toString(exact.parse("0.1"))).toBe("1/10");
    expect(decimal(40).toString(decimal(40).parse("0.1"))).toBe("0.1");
    // 2^60 + 1 is not representable in a double but is an exact integer.
    expect(exact.toString(exact.parse("1152921504606846977"))).toBe("1152921504606846977");
    expect(decimal(30).toString(decimal(30).parse("1152921504606846977"))).toBe("1152921504606846977");
  });

  it("should round fractions once to the requested digits in decimal", () => {
    expect(decimal(30).toString(decimal(30).parse("1/3"))).toBe("0.333333333333333333333333333333");
    expect(decimal(5).toString(decimal(5).parse("2/3"))).toBe("0.66667");
  });

  it("should agree across kinds on random arithmetic", () => {
    const D = decimal(50);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: 1, max: 99 })), { minLength: 2, maxLength: 6 }),
        (parts) => {
          // Σ (p/q)·(p/q) in each kind; exact is the oracle.
          const texts = parts.map(([p, q]) => `${p}/${q}`);
          function sum<T>(S: Scalar<T>): T {
            return texts.reduce((s, t) => S.add(s, S.mul(S.parse(t), S.parse(t))), S.zero);
          }
          const ref = exact.toNumber(sum(exact));
          expect(Math.abs(D.toNumber(sum(D)) - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref)));
          expect(Math.abs(sum(float) - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref)));
        },
      ),
    );
  });
});
