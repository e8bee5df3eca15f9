import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { layeredGradientDescent } from "../../src/flow/layeredGradientDescent.js";
import type { Activation } from "../../src/net/activation.js";
import { toLayered } from "../../src/net/toLayered.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { activation, netAndData, positiveRational, rational } from "../helpers/arbitraries.js";

const S = exact;
const vec = (n: number): fc.Arbitrary<Rational[]> => fc.array(rational(), { minLength: n, maxLength: n });
const mat = (r: number, c: number): fc.Arbitrary<Rational[][]> => fc.array(vec(c), { minLength: r, maxLength: r });
const text = (rows: Rational[][]): string[][] => rows.map((r) => r.map(S.toString));

describe("layeredGradientDescent", () => {
  it("should run exactly as gradientDescent on two-layer networks", () => {
    fc.assert(
      fc.property(netAndData, positiveRational(1, 8), fc.integer({ min: 0, max: 2 }), ({ net, data }, lr, steps) => {
        const a = gradientDescent(net, data, S, { lr, steps, loss: "mse" });
        const b = layeredGradientDescent(toLayered(net), data, S, { lr, steps, loss: "mse" });
        expect(b.losses.map(S.toString)).toEqual(a.losses.map(S.toString));
        expect(text(b.invariants)).toEqual(text(a.invariants));
        expect(text(b.predictedDrift)).toEqual(text(a.predictedDrift));
        expect(b.params.layers.map((l) => text(l.W as Rational[][]))).toEqual([
          text(a.params.W1 as Rational[][]),
          text(a.params.W2 as Rational[][]),
        ]);
      }),
      { numRuns: 40 },
    );
  });

  it("should drift every c_{l,k} of a deep net by exactly η²(‖g_w̃‖² − ‖g_a‖²) per step", () => {
    const deep = fc
      .record({ widths: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 5 }), n: fc.integer({ min: 1, max: 3 }) })
      .chain(({ widths, n }) =>
        fc.record({
          activation: activation as fc.Arbitrary<Activation>,
          layers: fc.tuple(
            ...widths.slice(1).map((w, i) => fc.record({ W: mat(w, widths[i]!), b: fc.option(vec(w), { nil: undefined }) })),
          ),
          X: mat(n, widths[0]!),
          Y: mat(n, widths[widths.length - 1]!),
        }),
      );
    fc.assert(
      fc.property(deep, positiveRational(1, 8), ({ activation: act, layers, X, Y }, lr) => {
        const run = layeredGradientDescent({ activation: act, layers }, { X, Y }, S, { lr, steps: 2, loss: "mse" });
        expect(run.invariants).toHaveLength(3);
        expect(text(run.observedDrift)).toEqual(text(run.predictedDrift));
      }),
      { numRuns: 40 },
    );
  });

  it("should refuse a step that is not positive", () => {
    const net = toLayered({ activation: { kind: "relu" }, W1: [[S.one]], W2: [[S.one]] });
    expect(() => layeredGradientDescent(net, { X: [[S.one]], Y: [[S.one]] }, S, { lr: S.zero, steps: 1, loss: "mse" })).toThrow(/lr/);
  });
});
