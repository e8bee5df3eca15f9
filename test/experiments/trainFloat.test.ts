import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { trainFloat } from "../../src/experiments/trainFloat.js";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { mapNetwork, type Network } from "../../src/net/network.js";
import { layoutOf, packNetwork } from "../../src/net/packNetwork.js";
import { exact } from "../../src/scalar/exact.js";
import { float } from "../../src/scalar/float.js";
import { netAndData } from "../helpers/arbitraries.js";

const toFloat = (v: unknown): number => exact.toNumber(v as never);

/** θ of a float network as the flat array the float kernel reads. */
const pack = (net: Network<number>): Float64Array => Float64Array.from(packNetwork(net));

function floatCase(c: {
  net: Parameters<typeof mapNetwork>[0];
  data: { X: readonly (readonly unknown[])[]; Y: readonly (readonly unknown[])[] };
}) {
  const net = mapNetwork(c.net, toFloat);
  const X = c.data.X.map((r) => r.map(toFloat));
  const Y = c.data.Y.map((r) => r.map(toFloat));
  return { net, X, Y, flat: { n: X.length, X: Float64Array.from(X.flat()), Y: Float64Array.from(Y.flat()) } };
}

describe("trainFloat", () => {
  it("should follow the generic gradient descent step by step", () => {
    fc.assert(
      fc.property(netAndData, fc.integer({ min: 1, max: 8 }), (c, steps) => {
        const { net, X, Y, flat } = floatCase(c);
        const L = layoutOf(net);
        const run = trainFloat(pack(net), L, flat, { lr: 1 / 256, epochs: steps, loss: "mse" });
        const ref = gradientDescent(net, { X, Y }, float, { lr: 1 / 256, steps, loss: "mse" });
        // Large data and steps can blow up; compare only finite runs.
        fc.pre(ref.losses.every(Number.isFinite));
        const refFlat = packNetwork(ref.params);
        for (const [q, v] of refFlat.entries()) expect(Math.abs(run.params[q]! - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
        expect(Math.abs(run.losses.at(-1)![1] - ref.losses.at(-1)!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref.losses.at(-1)!)));
      }),
      { numRuns: 40 },
    );
  });

  it("should reject a non-positive step", () => {
    const L = layoutOf({ activation: { kind: "relu" }, W1: [[1]], W2: [[1]] });
    expect(() =>
      trainFloat(new Float64Array(2), L, { n: 1, X: new Float64Array(1), Y: new Float64Array(1) }, { lr: 0, epochs: 1, loss: "mse" }),
    ).toThrow(/learning rate/);
  });
});
