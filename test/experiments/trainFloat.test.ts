import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConvergenceError } from "../../src/errors.js";
import { trainFloat } from "../../src/experiments/trainFloat.js";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { packNetwork } from "../../src/net/packNetwork.js";
import { layoutOf } from "../../src/net/layoutOf.js";
import { float } from "../../src/scalar/float.js";
import { floatCase } from "../helpers/floatCase.js";
import { netAndData } from "../helpers/arbitraries.js";
import { twoLayer } from "../helpers/twoLayer.js";

/** θ of a float network as the flat array the float kernel reads. */
const pack = (net: LayeredNetwork<number>): Float64Array => Float64Array.from(packNetwork(net));

/** The result of `run`, or undefined when it stopped because a value overflowed. */
function finiteOrUndefined<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (err) {
    if (err instanceof ConvergenceError) return undefined;
    throw err;
  }
}

describe("trainFloat", () => {
  it("should follow the generic gradient descent step by step", () => {
    fc.assert(
      fc.property(netAndData, fc.integer({ min: 1, max: 8 }), (c, steps) => {
        const { net, X, Y, flat } = floatCase(c);
        const L = layoutOf(net);
        // Large data and steps can blow up (the generic descent then stops with a ConvergenceError); compare only finite runs.
        const ref = finiteOrUndefined(() => gradientDescent(net, { X, Y }, float, { lr: 1 / 256, steps, loss: "mse" }));
        fc.pre(ref !== undefined);
        const run = trainFloat(pack(net), L, flat, { lr: 1 / 256, epochs: steps, loss: "mse" });
        const refFlat = packNetwork(ref.params);
        for (const [q, v] of refFlat.entries()) expect(Math.abs(run.params[q]! - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
        expect(Math.abs(run.losses.at(-1)![1] - ref.losses.at(-1)!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref.losses.at(-1)!)));
      }),
      { numRuns: 40 },
    );
  });

  it("should either finish with finite parameters and losses or stop with a ConvergenceError, never return NaN or Infinity", () => {
    fc.assert(
      fc.property(netAndData, fc.integer({ min: 1, max: 8 }), fc.constantFrom(1 / 256, 1, 1e10, 1e200), (c, steps, lr) => {
        const { net, flat } = floatCase(c);
        let run: ReturnType<typeof trainFloat>;
        try {
          run = trainFloat(pack(net), layoutOf(net), flat, { lr, epochs: steps, loss: "mse" });
        } catch (err) {
          expect(err).toBeInstanceOf(ConvergenceError);
          expect((err as ConvergenceError).at).toMatch(/^epoch \d+ \(/);
          return;
        }
        expect(Array.from(run.params).every(Number.isFinite)).toBe(true);
        expect(run.losses.flat().every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("should stop at the epoch whose loss overflows, naming the remedy", () => {
    // f(x) = a·relu(w·x) with w = a = 1e100 on x = 1, y = 0: the loss (1e200)² overflows at epoch 0.
    const L = layoutOf(twoLayer({ activation: { kind: "relu" }, W1: [[1]], W2: [[1]] }));
    const data = { n: 1, X: Float64Array.of(1), Y: Float64Array.of(0) };
    expect(() => trainFloat(Float64Array.of(1e100, 1e100), L, data, { lr: 0.1, epochs: 3, loss: "mse" })).toThrow(
      new ConvergenceError("gd", "epoch 0 (the loss)", "a value left the range of float arithmetic", { field: "lr", change: "lower" }),
    );
  });

  it("should reject a non-positive step", () => {
    const L = layoutOf(twoLayer({ activation: { kind: "relu" }, W1: [[1]], W2: [[1]] }));
    expect(() =>
      trainFloat(new Float64Array(2), L, { n: 1, X: new Float64Array(1), Y: new Float64Array(1) }, { lr: 0, epochs: 1, loss: "mse" }),
    ).toThrow(/learning rate/);
  });
});
