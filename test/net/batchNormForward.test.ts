import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { batchNormForward } from "../../src/net/batchNormForward.js";
import { decimal } from "../../src/scalar/decimal.js";
import { exact } from "../../src/scalar/exact.js";

const D = decimal(50);
const quarter = fc.integer({ min: -12, max: 12 }).map((k) => `${k}/4`);

describe("batchNormForward", () => {
  it("should normalise each channel over the batch and its positions as E[z²] − E[z]² and the definition say", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.infiniteStream(quarter),
        fc.constantFrom("0", "1e-5", "1"),
        (n, channels, positions, stream, epsText) => {
          // Arrange
          const it = stream[Symbol.iterator]();
          const next = (): string => it.next().value as string;
          const Z = Array.from({ length: n }, () => Array.from({ length: channels * positions }, () => D.parse(next())));
          const norm = {
            gamma: Array.from({ length: channels }, () => D.parse(next())),
            beta: Array.from({ length: channels }, () => D.parse(next())),
            eps: D.parse(epsText),
          };
          // the oracle: the variance from the raw moments, in exact rationals, rounded at the end
          const values = (j: number): string[] => Z.flatMap((z) => z.slice(j * positions, (j + 1) * positions).map((v) => v.toString()));
          const moments = Array.from({ length: channels }, (_, j) => {
            const xs = values(j).map((v) => exact.parse(v));
            const m = exact.fromInt(xs.length);
            const mean = exact.div(xs.reduce(exact.add, exact.zero), m);
            const square = exact.div(
              xs.reduce((s, x) => exact.add(s, exact.mul(x, x)), exact.zero),
              m,
            );
            return { mean, variance: exact.sub(square, exact.mul(mean, mean)) };
          });
          fc.pre(epsText !== "0" || moments.every((mo) => exact.sign(mo.variance) > 0));
          // Act
          const pass = batchNormForward(Z, norm, D);
          // Assert
          for (const [j, mo] of moments.entries())
            expect(
              pass.variance[j]!.minus(D.parse(exact.toString(mo.variance)))
                .abs()
                .toNumber(),
            ).toBeLessThan(1e-45);
          for (const [i, z] of Z.entries())
            for (const [e, v] of z.entries()) {
              const j = Math.floor(e / positions);
              const mo = moments[j]!;
              const sd = D.parse(exact.toString(exact.add(mo.variance, exact.parse(epsText)))).sqrt();
              const want = v
                .minus(D.parse(exact.toString(mo.mean)))
                .div(sd)
                .times(norm.gamma[j]!)
                .plus(norm.beta[j]!);
              expect(pass.output[i]![e]!.minus(want).abs().toNumber()).toBeLessThan(1e-40);
            }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("should run in rationals when σ² + ε is a square and refuse in one line when it is not", () => {
    // Arrange: z = 0, 1, 2 has σ² = 2/3; with ε = 1/3 the radicand is 1, with ε = 0 it is irrational
    const Z = [["0"], ["1"], ["2"]].map((r) => r.map(exact.parse));
    const norm = (eps: string) => ({ gamma: [exact.one], beta: [exact.zero], eps: exact.parse(eps) });
    // Act, Assert
    expect(batchNormForward(Z, norm("1/3"), exact).output.map((r) => exact.toString(r[0]!))).toEqual(["-1", "0", "1"]);
    const refuse = (): unknown => batchNormForward(Z, norm("0"), exact);
    expect(refuse).toThrow(InputError);
    expect(refuse).toThrow(/^invalid arith\. Must be decimal:D or float\. Value: `exact`\. Batch normalisation divides by √\(σ²\+ε\)/);
    // a long exact radicand is cut, so that the message stays one short line
    const long = (): unknown => batchNormForward(Z, norm(`1/${"7".repeat(80)}`), exact);
    expect(long).toThrow(/σ² \+ ε = [\d/]{24}…[\d/]{12} \(1\d\d characters\)\)\.$/);
  });

  it("should refuse a channel with one value per batch (as PyTorch), a constant channel with ε = 0 and rows that do not split into channels", () => {
    const g = { gamma: [exact.one], beta: [exact.zero], eps: exact.zero };
    expect(() => batchNormForward([[exact.one]], { ...g, eps: exact.one }, exact)).toThrow(/more than one value per channel/);
    expect(() => batchNormForward([[exact.one], [exact.one]], g, exact)).toThrow(/σ² \+ ε > 0/);
    expect(() =>
      batchNormForward([[exact.one, exact.one, exact.one]], { ...g, gamma: [exact.one, exact.one], beta: [exact.one, exact.one] }, exact),
    ).toThrow(/multiple of the 2 channels/);
  });
});
