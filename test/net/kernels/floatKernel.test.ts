import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neuronInvariants } from "../../../src/invariants/neuronInvariants.js";
import { floatInvariants } from "../../../src/net/kernels/floatInvariants.js";
import { floatKernel } from "../../../src/net/kernels/floatKernel.js";
import { lossAndGradient } from "../../../src/net/lossAndGradient.js";
import type { LossKind } from "../../../src/net/loss.js";
import type { LayeredNetwork } from "../../../src/net/layeredNetwork.js";
import { packNetwork } from "../../../src/net/packNetwork.js";
import { unpackLayers } from "../../../src/net/unpackLayers.js";
import { layoutOf } from "../../../src/net/layoutOf.js";
import { float } from "../../../src/scalar/float.js";
import { floatCase } from "../../helpers/floatCase.js";
import { netAndData } from "../../helpers/arbitraries.js";
import { twoLayer } from "../../helpers/twoLayer.js";

/** θ of a float network as the flat array the float kernel reads. */
const pack = (net: LayeredNetwork<number>): Float64Array => Float64Array.from(packNetwork(net));

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

describe("floatKernel", () => {
  it("should give the loss and gradient of the generic lossAndGradient in float, for every activation and both losses", () => {
    fc.assert(
      fc.property(netAndData, fc.constantFrom<LossKind>("mse", "bce"), (c, kind) => {
        // Arrange
        const { net, X, Y, flat } = floatCase(c);
        const L = layoutOf(net);
        const grad = new Float64Array(L.size);
        // Act
        const value = floatKernel(L, kind, flat.n).lossAndGradient(pack(net), flat, grad);
        const ref = lossAndGradient(net, { X, Y }, float, kind);
        // Assert
        expect(close(value, ref.loss)).toBe(true);
        const refFlat = pack(ref.grad);
        for (const [q, v] of refFlat.entries()) expect(close(grad[q]!, v), `parameter ${q}: ${grad[q]} vs ${v}`).toBe(true);
      }),
    );
  });

  it("should agree with the generic kernel whatever the padding of the WebAssembly layout: widths 1…17, odd and even d", () => {
    const num = fc.double({ min: -2, max: 2, noNaN: true });
    const arb = fc
      .record({
        d: fc.integer({ min: 1, max: 7 }),
        l: fc.integer({ min: 1, max: 17 }),
        e: fc.integer({ min: 1, max: 2 }),
        n: fc.integer({ min: 1, max: 7 }),
        hb: fc.boolean(),
        ob: fc.boolean(),
      })
      .chain(({ d, l, e, n, hb, ob }) =>
        fc.record({
          W1: fc.array(fc.array(num, { minLength: d, maxLength: d }), { minLength: l, maxLength: l }),
          b1: hb ? fc.array(num, { minLength: l, maxLength: l }) : fc.constant(undefined),
          W2: fc.array(fc.array(num, { minLength: l, maxLength: l }), { minLength: e, maxLength: e }),
          b2: ob ? fc.array(num, { minLength: e, maxLength: e }) : fc.constant(undefined),
          X: fc.array(fc.array(num, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
          Y: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: e, maxLength: e }), { minLength: n, maxLength: n }),
        }),
      );
    fc.assert(
      fc.property(arb, fc.constantFrom<LossKind>("mse", "bce"), ({ W1, b1, W2, b2, X, Y }, kind) => {
        const net = twoLayer({ activation: { kind: "relu" as const }, W1, b1, W2, b2 });
        const L = layoutOf(net);
        const grad = new Float64Array(L.size);
        const value = floatKernel(L, kind, X.length).lossAndGradient(
          pack(net),
          { n: X.length, X: Float64Array.from(X.flat()), Y: Float64Array.from(Y.flat()) },
          grad,
        );
        const ref = lossAndGradient(net, { X, Y }, float, kind);
        expect(close(value, ref.loss)).toBe(true);
        for (const [q, v] of pack(ref.grad).entries()) expect(close(grad[q]!, v), `parameter ${q}: ${grad[q]} vs ${v}`).toBe(true);
      }),
    );
  });

  it("should round-trip a network through pack and unpack and compute its invariants like neuronInvariants", () => {
    fc.assert(
      fc.property(netAndData, (c) => {
        const { net } = floatCase(c);
        const L = layoutOf(net);
        const back = unpackLayers(pack(net), L);
        expect(back).toEqual(net);
        const ours = floatInvariants(pack(net), L);
        for (const [k, v] of neuronInvariants(net, float).entries()) expect(close(ours[k]!, v)).toBe(true);
      }),
    );
  });
});
