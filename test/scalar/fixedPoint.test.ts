import fc from "fast-check";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { eulerArctanSum10, fixed, fmul, fromRationalFixed, piFixed10, powFixed10, sqrtFixed10 } from "../../src/scalar/fixedPoint.js";
import { scale10 } from "../../src/scalar/bigintMath.js";

// π to 110 decimals (OEIS A000796), an independent reference
const PI = "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651";

describe("decimal fixed point", () => {
  it("should floor √n exactly: s² ≤ n·10^2F < (s + 1)²", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 120 }), (n, F) => {
        const s = sqrtFixed10(n, F);
        const N = n * scale10(F) ** 2n;
        expect(s * s <= N && N < (s + 1n) * (s + 1n)).toBe(true);
      }),
    );
  });

  it("should give π within one unit of 10^-F", () => {
    for (const F of [1, 10, 50, 100]) {
      const want = BigInt(PI.replace(".", "").slice(0, F + 1));
      const got = piFixed10(F);
      expect(got - want >= -1n && got - want <= 1n, `F = ${F}`).toBe(true);
    }
  });

  it("should sum Euler's series to arctan √(u/(S−u))·S/√(u(S−u)), at most 6.67·F + 8 units low", () => {
    const D = Decimal.clone({ precision: 80 });
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.bigInt({ min: 2n, max: 10n ** 6n }),
        fc.integer({ min: 5, max: 60 }),
        (u0, S, F) => {
          const u = u0 > S / 2n ? S / 2n : u0;
          fc.pre(u > 0n);
          // Arrange: the reference value at 80 digits
          const ratio = new D(u.toString()).div((S - u).toString());
          const exact = ratio
            .sqrt()
            .atan()
            .times(S.toString())
            .div(new D(u.toString()).times((S - u).toString()).sqrt());
          const want = BigInt(exact.times(new D(10).pow(F)).floor().toFixed());
          // Act
          const got = eulerArctanSum10(u, S, F);
          // Assert
          const low = want - got;
          expect(low >= 0n && low <= BigInt(Math.ceil(6.67 * F)) + 8n).toBe(true);
        },
      ),
    );
  });

  it("should raise to integer powers with at most 2·log2(l) units of error", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 300 }), (k, l) => {
        const F = 30;
        const x = BigInt(k) * 10n ** 27n; // k/1000 at 30 decimals
        const want = (BigInt(k) ** BigInt(l) * scale10(F)) / 1000n ** BigInt(l);
        const got = powFixed10(x, l, F);
        // each floored product loses under one unit, magnified by at most the size of the rest of the product
        const size = BigInt(k) ** BigInt(l) / 1000n ** BigInt(l) + 1n;
        const bound = 2n * BigInt(Math.ceil(Math.log2(l + 1)) + 1) * size + 1n;
        expect(want - got >= 0n && want - got <= bound).toBe(true);
      }),
    );
  });
});

describe("binary fixed point", () => {
  it("should round rationals half away from zero and multiply with one truncating shift", () => {
    const F = fixed(4);
    expect(fromRationalFixed(F, 1n, 32n)).toBe(1n); // 0.5 unit → 1
    expect(fromRationalFixed(F, -1n, 32n)).toBe(-1n);
    expect(fromRationalFixed(F, 1n, 33n)).toBe(0n);
    expect(fmul(F, 24n, 24n)).toBe(36n); // 1.5 · 1.5 = 2.25
  });
});
