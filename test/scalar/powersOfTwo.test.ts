import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exponentOfPowerOfTwo, exponentOfPowerOfTwoText } from "../../src/scalar/powersOfTwo.js";

describe("exponentOfPowerOfTwoText", () => {
  it("should find k for the decimal text of every 2^k with k ≤ 1100, and nothing beyond", () => {
    for (let k = 0; k <= 1100; k++) expect(exponentOfPowerOfTwoText((1n << BigInt(k)).toString())).toBe(k);
    expect(exponentOfPowerOfTwoText((1n << 1101n).toString())).toBeUndefined();
  });

  it("should agree with the BigInt lookup on any decimal text (powers of two, their neighbours, other numbers)", () => {
    const text = fc.oneof(
      fc.nat({ max: 1100 }).map((k) => (1n << BigInt(k)).toString()),
      fc.tuple(fc.nat({ max: 1100 }), fc.constantFrom(-1n, 1n, 3n)).map(([k, d]) => ((1n << BigInt(k)) + d).toString()),
      fc.bigInt({ min: 0n, max: 1n << 400n }).map(String),
      fc.constantFrom("", "01", "+2", "0"),
    );
    fc.assert(
      fc.property(text, (s) => {
        const asBig = /^(0|[1-9]\d*)$/.test(s) ? exponentOfPowerOfTwo(BigInt(s)) : undefined;
        expect(exponentOfPowerOfTwoText(s)).toBe(asBig);
      }),
      { numRuns: 500 },
    );
  });
});
