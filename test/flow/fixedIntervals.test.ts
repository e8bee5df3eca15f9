import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FixedInterval, fixedIntervals, UndecidedInterval } from "../../src/flow/_internals/fixedIntervals.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { loss } from "../../src/net/loss.js";
import { networkIn } from "../../src/net/networkIn.js";
import { datasetIn } from "../../src/net/datasetIn.js";
import { readNetwork } from "../../src/net/readNetwork.js";
import { readDataset } from "../../src/net/readDataset.js";

const P = 40;
const I = fixedIntervals(P);
const ONE = 1n << BigInt(P);

/** Whether [lo, hi]·2^−P holds the exact rational r (compared exactly, by cross-multiplying). */
function encloses(a: FixedInterval, r: Rational): boolean {
  const num = r.s * r.n;
  return a.lo * r.d <= num * ONE && num * ONE <= a.hi * r.d;
}

const rational = fc
  .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n }))
  .map(([n, d]) => `${n}/${d}`);

describe("fixedIntervals", () => {
  it("should enclose the exact result of +, −, × and ÷ by a whole number, however the operands round", () => {
    fc.assert(
      fc.property(rational, rational, rational, fc.integer({ min: 1, max: 1000 }), (x, y, z, k) => {
        const [a, b, c] = [x, y, z].map(I.parse) as [FixedInterval, FixedInterval, FixedInterval];
        const [ea, eb, ec] = [x, y, z].map(exact.parse) as [Rational, Rational, Rational];
        // a compound expression, so that intervals of non-zero width meet in products
        const got = I.div(I.sub(I.mul(I.add(a, b), c), I.mul(a, a)), I.fromInt(k));
        const want = ea.add(eb).mul(ec).sub(ea.mul(ea)).div(k);
        expect(encloses(got, want)).toBe(true);
        // tight: each rounding costs an ulp, scaled by the size of what it multiplies
        const M = [ea, eb, ec].reduce((m, r) => (r.n / r.d + 1n > m ? r.n / r.d + 1n : m), 1n);
        expect(got.hi - got.lo <= 16n * M).toBe(true);
      }),
    );
  });

  it("should answer a sign only when the enclosure decides it", () => {
    expect(I.sign(I.parse("1/3"))).toBe(1);
    expect(I.sign(I.parse("-1/3"))).toBe(-1);
    expect(I.sign(I.zero)).toBe(0);
    // 1/3 − 1/3 by two roundings: an interval around 0, not a sign
    expect(() => I.sign(I.sub(I.parse("1/3"), I.mul(I.parse("1/3"), I.one)))).toThrow(UndecidedInterval);
    expect(() => I.exp(I.one)).toThrow(UndecidedInterval);
  });

  it("should enclose a network's exact mse loss", () => {
    const net = readNetwork('{"W1": [["1", "-1/2"], ["-1/3", "1"]], "b1": ["1/10", "-1/4"], "W2": [["1", "-1/2"]]}');
    const data = readDataset("x1,x2,y\n1,0,1\n0,1,-1\n1/2,1/3,2/7\n", 2, 1);
    const got = loss(networkIn(net, I), datasetIn(data, I), I, "mse");
    const want = loss(networkIn(net, exact), datasetIn(data, exact), exact, "mse");
    expect(encloses(got, want)).toBe(true);
    expect(got.hi - got.lo).toBeLessThan(64n);
  });
});
