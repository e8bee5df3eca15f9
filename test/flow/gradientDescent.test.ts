import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { neuronInvariants } from "../../src/invariants/neuronInvariants.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import { exact } from "../../src/scalar/exact.js";
import { decimal } from "../../src/scalar/decimal.js";
import { mapNetwork } from "../../src/net/mapNetwork.js";
import { ConvergenceError, InputError } from "../../src/errors.js";
import { float } from "../../src/scalar/float.js";
import { netAndData, positiveRational } from "../helpers/arbitraries.js";
import { twoLayer } from "../helpers/twoLayer.js";

const S = exact;

describe("gradientDescent", () => {
  it("should change every c_k by exactly η²(‖g_w‖² − ‖g_a‖²) per step, and by a non-zero amount in general", () => {
    let nonZero = 0;
    fc.assert(
      fc.property(netAndData, positiveRational(3, 8), ({ net, data }, lr) => {
        const run = gradientDescent(net, data, S, { lr, steps: 2, loss: "mse" });
        for (const [t, row] of run.observedDrift.entries())
          for (const [k, v] of row.entries()) {
            expect(S.toString(v)).toBe(S.toString(run.predictedDrift[t]![k]!));
            if (S.sign(v) !== 0) nonZero++;
          }
      }),
    );
    // GD does not conserve c_k: most random cases drift.
    expect(nonZero).toBeGreaterThan(50);
  });

  it("should record N+1 losses and invariant rows, the first at θ_0", () => {
    fc.assert(
      fc.property(netAndData, fc.integer({ min: 0, max: 3 }), ({ net, data }, steps) => {
        const run = gradientDescent(net, data, S, { lr: S.parse("1/50"), steps, loss: "mse" });
        expect(run.losses).toHaveLength(steps + 1);
        expect(run.invariants).toHaveLength(steps + 1);
        expect(run.invariants[0]!.map(S.toString)).toEqual(neuronInvariants(net, S).map(S.toString));
        expect(S.toString(run.losses[0]!)).toBe(S.toString(lossAndGradient(net, data, S, "mse").loss));
      }),
    );
  });

  it("should agree in decimal:60 with the exact run to ~55 digits", () => {
    const D = decimal(60);
    fc.assert(
      fc.property(netAndData, ({ net, data }) => {
        const lr = S.parse("1/10");
        const ex = gradientDescent(net, data, S, { lr, steps: 2, loss: "mse" });
        const toD = (v: ReturnType<typeof S.parse>) => D.fromRational(v.s * v.n, v.d);
        const dec = gradientDescent(mapNetwork(net, toD), { X: data.X.map((r) => r.map(toD)), Y: data.Y.map((r) => r.map(toD)) }, D, {
          lr: D.parse("1/10"),
          steps: 2,
          loss: "mse",
        });
        const err = D.abs(D.sub(dec.losses[2]!, toD(ex.losses[2]!)));
        expect(err.lte(D.parse("1e-50").times(D.one.plus(toD(ex.losses[2]!).abs())))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it("should reject η ≤ 0 and a negative step count", () => {
    fc.assert(
      fc.property(netAndData, ({ net, data }) => {
        expect(() => gradientDescent(net, data, S, { lr: S.zero, steps: 1, loss: "mse" })).toThrow(InputError);
        expect(() => gradientDescent(net, data, S, { lr: S.parse("-1/2"), steps: 1, loss: "mse" })).toThrow(InputError);
        expect(() => gradientDescent(net, data, S, { lr: S.one, steps: -1, loss: "mse" })).toThrow(InputError);
      }),
      { numRuns: 5 },
    );
  });

  it("should refuse binary cross-entropy in exact arithmetic", () => {
    fc.assert(
      fc.property(netAndData, ({ net, data }) => {
        expect(() => gradientDescent(net, data, S, { lr: S.one, steps: 1, loss: "bce" })).toThrow(/exact arithmetic has no exp/);
      }),
      { numRuns: 3 },
    );
  });

  it("should, in float, either return only finite numbers or stop with a ConvergenceError naming the step", () => {
    fc.assert(
      fc.property(netAndData, fc.constantFrom(1 / 16, 1e50, 1e150, 1e300), fc.integer({ min: 1, max: 4 }), ({ net, data }, lr, steps) => {
        const F = mapNetwork(net, (v) => exact.toNumber(v));
        const X = data.X.map((r) => r.map((v) => exact.toNumber(v)));
        const Y = data.Y.map((r) => r.map((v) => exact.toNumber(v)));
        let run: ReturnType<typeof gradientDescent<number>>;
        try {
          run = gradientDescent(F, { X, Y }, float, { lr, steps, loss: "mse" });
        } catch (err) {
          expect(err).toBeInstanceOf(ConvergenceError);
          expect((err as ConvergenceError).at).toMatch(/^step \d+ \(/);
          expect((err as ConvergenceError).remedy).toEqual({ field: "lr", change: "use the arithmetic decimal:D, or lower" });
          return;
        }
        const all = [
          run.losses,
          ...run.invariants,
          ...run.observedDrift,
          ...run.predictedDrift,
          ...run.params.layers[0]!.W,
          ...run.params.layers[1]!.W,
        ].flat();
        expect(all.every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it("should refuse in float a parameter, a data value or a step that float cannot hold, naming it", () => {
    const net = twoLayer({ activation: { kind: "relu" as const }, W1: [[1, Number.POSITIVE_INFINITY]], W2: [[1]] });
    const data = { X: [[1, 2]], Y: [[1]] };
    const field = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        return `${(err as InputError).data?.field} ${(err as InputError).data?.value}`;
      }
      return undefined;
    };
    expect(field(() => gradientDescent(net, data, float, { lr: 0.1, steps: 1, loss: "mse" }))).toBe("net W1[0][1]");
    const ok = { ...net, layers: [{ W: [[1, 2]] }, net.layers[1]!] };
    expect(field(() => gradientDescent(ok, { X: [[1, Number.NaN]], Y: [[1]] }, float, { lr: 0.1, steps: 1, loss: "mse" }))).toBe(
      "data X[0][1]",
    );
    expect(field(() => gradientDescent(ok, data, float, { lr: Number.POSITIVE_INFINITY, steps: 1, loss: "mse" }))).toBe("lr Infinity");
    expect(field(() => gradientDescent(ok, data, float, { lr: 0.1, steps: 1, loss: "mse" }))).toBeUndefined();
  });
});
