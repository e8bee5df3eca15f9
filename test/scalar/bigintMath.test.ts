import fc from "fast-check";
import Fraction from "fraction.js";
import { describe, expect, it } from "vitest";
import {
  factorial,
  gcd,
  integerMultiple,
  isqrt,
  lcm,
  numerator,
  primitive,
  rational,
  rationalText,
  reconstructRational,
  squareSplit,
} from "../../src/scalar/bigintMath.js";

const big = fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n });

describe("gcd and lcm", () => {
  it("should divide both arguments, be divisible by every common divisor, and satisfy gcd·lcm = |ab|", () => {
    fc.assert(
      fc.property(big, big, fc.bigInt({ min: 1n, max: 10n ** 6n }), (a, b, c) => {
        // Arrange: a common factor c built in
        const x = a * c;
        const y = b * c;
        // Act
        const g = gcd(x, y);
        const l = lcm(x, y);
        // Assert
        expect(g >= 0n && l >= 0n).toBe(true);
        if (g !== 0n) expect(x % g === 0n && y % g === 0n).toBe(true);
        expect(g % c).toBe(0n);
        expect(g * l).toBe(x * y < 0n ? -x * y : x * y);
      }),
    );
  });

  it("should give gcd(0, 0) = 0 and lcm(0, n) = 0", () => {
    expect(gcd(0n, 0n)).toBe(0n);
    expect(gcd(0n, -7n)).toBe(7n);
    expect(lcm(0n, 5n)).toBe(0n);
  });
});

describe("isqrt", () => {
  it("should give the r with r² ≤ n < (r + 1)², also far beyond doubles", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 700n }), (n) => {
        const r = isqrt(n);
        expect(r * r <= n && n < (r + 1n) * (r + 1n)).toBe(true);
      }),
    );
  });

  it("should be exact on perfect squares next to 2^53 and reject negatives", () => {
    for (const r of [94906265n, 94906266n, 2n ** 27n, 10n ** 30n]) {
      expect(isqrt(r * r)).toBe(r);
      expect(isqrt(r * r - 1n)).toBe(r - 1n);
    }
    expect(() => isqrt(-1n)).toThrow(/invalid radicand/);
  });
});

describe("factorial and squareSplit", () => {
  it("should satisfy (n + 1)! = (n + 1)·n! from 0! = 1", () => {
    expect(factorial(0)).toBe(1n);
    for (let n = 0; n < 30; n++) expect(factorial(n + 1)).toBe(BigInt(n + 1) * factorial(n));
  });

  it("should split n = outside²·inside with inside square-free below 10^10", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 10n - 1n }), (n) => {
        const { outside, inside } = squareSplit(n);
        expect(outside * outside * inside).toBe(n);
        for (let p = 2n; p * p <= inside && p < 2000n; p++) expect(inside % (p * p) === 0n).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});

describe("rationals", () => {
  it("should reduce, keep the sign in the numerator and print p/q", () => {
    fc.assert(
      fc.property(
        big,
        big.filter((d) => d !== 0n),
        (n, d) => {
          const q = rational(n, d);
          expect(q.d > 0n).toBe(true);
          expect(gcd(numerator(q), q.d) === 1n || numerator(q) === 0n).toBe(true);
          expect(numerator(q) * d).toBe(n * q.d);
          expect(rationalText(q)).toBe(q.d === 1n ? `${numerator(q)}` : `${numerator(q)}/${q.d}`);
        },
      ),
    );
  });

  it("should make primitive integer vectors on the same line", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: 1n, max: 1000n })), { minLength: 1, maxLength: 8 }),
        (pairs) => {
          const v = pairs.map(([n, d]) => new Fraction(n, d));
          const w = integerMultiple(v);
          const nonZero = w.filter((x) => x !== 0n);
          if (nonZero.length === 0) return;
          expect(nonZero[0]! > 0n).toBe(true);
          expect(nonZero.reduce((g, x) => gcd(g, x), 0n)).toBe(1n);
          // w = λ v for one rational λ
          const k = v.findIndex((x) => x.n !== 0n);
          const lambda = new Fraction(w[k]!, 1n).div(v[k]!);
          for (const [i, x] of v.entries()) expect(x.mul(lambda).equals(new Fraction(w[i]!, 1n))).toBe(true);
        },
      ),
    );
    expect(primitive([0n, -4n, 6n])).toEqual([0n, 2n, -3n]);
    expect(primitive([0n, 0n])).toEqual([0n, 0n]);
  });
});

describe("reconstructRational", () => {
  const P = 67108859;
  const invMod = (a: bigint, p: bigint): bigint => {
    let [r0, r1, t0, t1] = [p, ((a % p) + p) % p, 0n, 1n];
    while (r1 !== 0n) {
      const q = r0 / r1;
      [r0, r1, t0, t1] = [r1, r0 - q * r1, t1, t0 - q * t1];
    }
    return ((t0 % p) + p) % p;
  };

  it("should recover every n/d with |n|, d ≤ √(p/2) from its residue", () => {
    fc.assert(
      fc.property(fc.integer({ min: -5792, max: 5792 }), fc.integer({ min: 1, max: 5792 }), (n, d) => {
        // Arrange: the residue n·d⁻¹ mod p, computed in BigInt
        const p = BigInt(P);
        const a = Number((((BigInt(n) * invMod(BigInt(d), p)) % p) + p) % p);
        // Act
        const q = reconstructRational(a, P);
        // Assert
        expect(q?.equals(new Fraction(BigInt(n), BigInt(d)))).toBe(true);
      }),
    );
  });

  it("should report residues with no small fraction", () => {
    expect(reconstructRational(2, 7)).toBeUndefined();
    expect(reconstructRational(33554430, P)?.toFraction()).toBe("1/2");
  });
});
