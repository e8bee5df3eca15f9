import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConvergenceError } from "../../src/errors.js";
import { trainFloat } from "../../src/experiments/trainFloat.js";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import type { OptimizerOptions } from "../../src/flow/optimizerSpec.js";
import { layoutOf } from "../../src/net/layoutOf.js";
import { mapNetwork } from "../../src/net/mapNetwork.js";
import { packNetwork } from "../../src/net/packNetwork.js";
import { decimal } from "../../src/scalar/decimal.js";
import { forward } from "../../src/net/forward.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { float } from "../../src/scalar/float.js";
import { netAndData } from "../helpers/arbitraries.js";
import { floatCase } from "../helpers/floatCase.js";

const D = decimal(40);

/** Every optimiser of the library with hyper-parameters that exercise each branch (float values). */
const optimizer: fc.Arbitrary<OptimizerOptions<number>> = fc.oneof(
  fc
    .record({
      momentum: fc.constantFrom(0, 0.9, 0.5),
      dampening: fc.constantFrom(0, 0.25),
      nesterov: fc.boolean(),
      weightDecay: fc.constantFrom(0, 0.1),
    })
    .map((o) => ({ ...o, nesterov: o.nesterov && o.momentum > 0 && o.dampening === 0 })),
  fc.record({
    name: fc.constantFrom("adam", "adamw"),
    beta1: fc.constantFrom(0.9, 0.5),
    beta2: fc.constantFrom(0.999, 0.9),
    eps: fc.constantFrom(1e-8, 0.01),
    weightDecay: fc.constantFrom(0, 0.1),
  }),
);

/** The same hyper-parameters in decimal arithmetic, from their shortest decimal text. */
const inDecimal = (o: OptimizerOptions<number>): OptimizerOptions<ReturnType<typeof D.parse>> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "number" ? D.parse(String(v)) : v])) as OptimizerOptions<
    ReturnType<typeof D.parse>
  >;

/** The result of `run`, or undefined when it stopped because a value overflowed (large data and steps can blow up). */
function finiteOrUndefined<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (err) {
    if (err instanceof ConvergenceError) return undefined;
    throw err;
  }
}

const relativeGap = (got: number, want: number): number => Math.abs(got - want) / Math.max(1, Math.abs(want));

describe("trainFloat with an optimiser", () => {
  it("should take the steps of gradientDescent in float arithmetic for every optimiser, batch size and shuffle", () => {
    let compared = 0;
    fc.assert(
      fc.property(
        netAndData,
        optimizer,
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        fc.option(fc.nat(1000), { nil: undefined }),
        (c, opt, epochs, batchSize, shuffleSeed) => {
          const { net, X, Y, flat } = floatCase(c);
          const L = layoutOf(net);
          const lr = opt.name === undefined ? 1 / 256 : 1 / 16;
          const steps = epochs * Math.ceil(X.length / Math.min(batchSize ?? X.length, X.length));
          const ref = finiteOrUndefined(() =>
            gradientDescent(net, { X, Y }, float, { lr, steps, loss: "mse", optimizer: opt, batchSize, shuffleSeed }),
          );
          const run = finiteOrUndefined(() =>
            trainFloat(Float64Array.from(packNetwork(net)), L, flat, { lr, epochs, loss: "mse", optimizer: opt, batchSize, shuffleSeed }),
          );
          fc.pre(ref !== undefined && run !== undefined);
          compared++;
          const want = packNetwork(ref.params);
          for (const [q, v] of want.entries()) expect(relativeGap(run.params[q]!, v), `parameter ${q}`).toBeLessThanOrEqual(1e-12);
          expect(relativeGap(run.losses.at(-1)![1], ref.losses.at(-1)!)).toBeLessThanOrEqual(1e-12);
          expect(run.optimizer).toEqual(ref.optimizer);
        },
      ),
      { numRuns: 150 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  it("should agree with gradientDescent in 40-digit decimals to 1e-10 when no point starts on a kink", () => {
    let compared = 0;
    fc.assert(
      fc.property(
        netAndData,
        optimizer,
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        fc.option(fc.nat(1000), { nil: undefined }),
        (c, opt, epochs, batchSize, shuffleSeed) => {
          // A point exactly on a kink (z = 0 in exact arithmetic) may fall on either side in float: such cases say nothing here.
          const z = forward(c.net, c.data.X, exact).Z;
          fc.pre(z.every((row) => row.every((v) => exact.sign(v) !== 0)));
          const { net, flat, X } = floatCase(c);
          const L = layoutOf(net);
          const lr = opt.name === undefined ? 1 / 256 : 1 / 16;
          const steps = epochs * Math.ceil(X.length / Math.min(batchSize ?? X.length, X.length));
          const toD = (v: Rational) => D.parse(exact.toString(v));
          const dnet = mapNetwork(c.net, toD);
          const data = { X: c.data.X.map((r) => r.map(toD)), Y: c.data.Y.map((r) => r.map(toD)) };
          const run = finiteOrUndefined(() =>
            trainFloat(Float64Array.from(packNetwork(net)), L, flat, { lr, epochs, loss: "mse", optimizer: opt, batchSize, shuffleSeed }),
          );
          fc.pre(run !== undefined);
          const ref = gradientDescent(dnet, data, D, {
            lr: D.parse(String(lr)),
            steps,
            loss: "mse",
            optimizer: inDecimal(opt),
            batchSize,
            shuffleSeed,
          });
          const want = packNetwork(ref.params).map((v) => D.toNumber(v));
          compared++;
          for (const [q, v] of want.entries()) expect(relativeGap(run.params[q]!, v), `parameter ${q}`).toBeLessThanOrEqual(1e-10);
          expect(relativeGap(run.losses.at(-1)![1], D.toNumber(ref.losses.at(-1)!))).toBeLessThanOrEqual(1e-10);
        },
      ),
      { numRuns: 100 },
    );
    expect(compared).toBeGreaterThan(30);
  });
});
