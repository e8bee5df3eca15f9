import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { neuronInvariants } from "../../src/invariants/neuronInvariants.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { floatKernel } from "../../src/net/kernels/floatKernel.js";
import { decimal } from "../../src/scalar/decimal.js";
import { mapNetwork } from "../../src/net/mapNetwork.js";
import { ConvergenceError, InputError } from "../../src/errors.js";
import { float } from "../../src/scalar/float.js";
import { packedInvariants } from "../../src/invariants/packedInvariants.js";
import { predictedGdDrift } from "../../src/invariants/predictedGdDrift.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { layoutOf } from "../../src/net/layoutOf.js";
import { packNetwork } from "../../src/net/packNetwork.js";
import { unpackLayers } from "../../src/net/unpackLayers.js";
import { activation, netAndData, positiveRational } from "../helpers/arbitraries.js";
import { twoLayer } from "../helpers/twoLayer.js";

const S = exact;

/** Float vectors and matrices of values in [−2, 2], and networks of the given widths from them (any activation, biases or not). */
const vec = (n: number) => fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n, maxLength: n });
const mat = (r: number, c: number) => fc.array(vec(c), { minLength: r, maxLength: r });
const floatNetwork = (widths: readonly number[]) =>
  fc.record({
    activation,
    layers: fc.tuple(...widths.slice(1).map((w, i) => fc.record({ W: mat(w, widths[i]!), b: fc.option(vec(w), { nil: undefined }) }))),
  });

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
  it("should refuse data whose target or input width is not the network's, naming both widths", () => {
    const refusal = (f: () => unknown): InputError["data"] | undefined => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        return (err as InputError).data;
      }
      return undefined;
    };
    fc.assert(
      fc.property(netAndData, fc.integer({ min: 1, max: 3 }), fc.boolean(), ({ net, data }, extra, targets) => {
        const e = net.layers[1]!.W.length;
        const d = net.layers[0]!.W[0]!.length;
        const last = data.X.length - 1;
        const widen = (rows: readonly (readonly Rational[])[]): Rational[][] =>
          rows.map((r, i) => (i === last ? [...r, ...Array<Rational>(extra).fill(S.one)] : [...r]));
        const bad = targets ? { X: data.X, Y: widen(data.Y) } : { X: widen(data.X), Y: data.Y };
        const expected = targets
          ? `rows of ${e} target${e === 1 ? "" : "s"}, the network's output width`
          : `rows of ${d} input${d === 1 ? "" : "s"}, the network's input width`;
        const value = `row ${last} has ${(targets ? e : d) + extra}`;
        expect(refusal(() => gradientDescent(net, bad, S, { lr: S.one, steps: 1, loss: "mse" }))).toEqual({
          field: "data",
          expected,
          value,
        });
        // in float with the float kernel too, before the kernel is built
        const toFloat = (rows: readonly (readonly Rational[])[]): number[][] => rows.map((r) => r.map(S.toNumber));
        const floatNet = mapNetwork(net, S.toNumber);
        const options = { lr: 0.1, steps: 1, loss: "mse" as const, kernel: floatKernel };
        expect(refusal(() => gradientDescent(floatNet, { X: toFloat(bad.X), Y: toFloat(bad.Y) }, float, options))).toEqual({
          field: "data",
          expected,
          value,
        });
        expect(refusal(() => gradientDescent(floatNet, { X: toFloat(data.X), Y: toFloat(data.Y) }, float, options))).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  });

  it("should record in float, bit for bit, the generic c(θ_t), drift prediction and step η·∇L of every step (its fast path), full batch or not", () => {
    const problem = fc
      .record({ widths: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 4 }), n: fc.integer({ min: 1, max: 5 }) })
      .chain(({ widths, n }) =>
        fc.record({
          net: floatNetwork(widths),
          data: fc.record({ X: mat(n, widths[0]!), Y: mat(n, widths.at(-1)!) }),
          batchSize: fc.option(fc.integer({ min: 1, max: n }), { nil: undefined }),
          lr: fc.double({ min: 1e-3, max: 0.5, noNaN: true }),
        }),
      );
    fc.assert(
      fc.property(problem, ({ net, data, batchSize, lr }) => {
        const start = net as LayeredNetwork<number>;
        const L = layoutOf(start);
        const thetas: (readonly number[])[] = [packNetwork(start)];
        const run = gradientDescent(start, data, float, {
          lr,
          steps: 3,
          loss: "mse",
          ...(batchSize === undefined ? {} : { batchSize, shuffleSeed: 1 }),
          onStep: (_t, theta) => thetas.push([...theta]),
        });
        for (const [t, theta] of thetas.entries()) expect(run.invariants[t]).toEqual(packedInvariants(L, theta, float));
        for (const [t, rows] of run.batches.entries()) {
          const batch = { X: rows.map((i) => data.X[i]!), Y: rows.map((i) => data.Y[i]!) };
          const grad = packNetwork(lossAndGradient(unpackLayers(thetas[t]!, L), batch, float, "mse").grad);
          expect(thetas[t + 1]).toEqual(thetas[t]!.map((p, i) => float.sub(p, float.mul(lr, grad[i]!))));
          expect(run.predictedDrift[t]).toEqual(predictedGdDrift(L, grad, lr, float));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("should run plain full-batch descent held in the float kernel with every record of the step-by-step loop, bit for bit, overflow included", () => {
    const problem = fc
      .record({
        widths: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 3, maxLength: 5 }),
        n: fc.integer({ min: 1, max: 9 }),
      })
      .chain(({ widths, n }) =>
        fc.record({
          net: floatNetwork(widths),
          // targets in [0, 1] serve both losses
          data: fc.record({ X: mat(n, widths[0]!), Y: mat(n, widths.at(-1)!).map((Y) => Y.map((r) => r.map(Math.abs).map((v) => v / 2))) }),
          loss: fc.constantFrom("mse" as const, "bce" as const, "sse-mean" as const),
          // up to steps that overflow float
          lr: fc.oneof(fc.double({ min: 1e-3, max: 0.5, noNaN: true }), fc.constant(1e150)),
          lossEvery: fc.integer({ min: 1, max: 3 }),
        }),
      );
    let held = 0;
    let overflowed = 0;
    fc.assert(
      fc.property(problem, ({ net, data, loss, lr, lossEvery }) => {
        const start = net as LayeredNetwork<number>;
        let calls = 0;
        // the same kernel without its held descent: gradientDescent steps it one lossAndGradient at a time
        const stepwise = (...args: Parameters<typeof floatKernel>) => {
          const { loss: lossOf, lossAndGradient: both } = floatKernel(...args);
          return { loss: lossOf, lossAndGradient: both };
        };
        const counting = (...args: Parameters<typeof floatKernel>) => {
          const K = floatKernel(...args);
          const lossAndGradient: typeof K.lossAndGradient = (...a) => {
            calls++;
            return K.lossAndGradient(...a);
          };
          return { ...K, lossAndGradient };
        };
        const outcome = (kernel: typeof floatKernel) => {
          const thetas: number[][] = [];
          try {
            const run = gradientDescent(start, data, float, {
              lr,
              steps: 4,
              loss,
              lossEvery,
              kernel,
              onStep: (_t, theta) => thetas.push([...theta]),
            });
            return { run, thetas };
          } catch (e) {
            if (!(e instanceof ConvergenceError)) throw e;
            return { error: e.message, thetas };
          }
        };
        const a = outcome(counting);
        const b = outcome(stepwise);
        // the held run never asked for a gradient, and recorded what the loop records
        expect(calls).toBe(0);
        expect(a).toEqual(b);
        if (a.run !== undefined) expect(a.thetas.at(-1)).toEqual(packNetwork(a.run.params));
        held++;
        if (a.error !== undefined) overflowed++;
      }),
      { numRuns: 150 },
    );
    expect(held).toBe(150);
    expect(overflowed).toBeGreaterThan(5);
  });
});
