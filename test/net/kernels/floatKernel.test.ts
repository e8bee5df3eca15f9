import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import type { Activation } from "../../../src/net/activation.js";
import { floatKernel } from "../../../src/net/kernels/floatKernel.js";
import { lossAndGradient } from "../../../src/net/lossAndGradient.js";
import type { LossKind } from "../../../src/net/loss.js";
import { packNetwork } from "../../../src/net/packNetwork.js";
import { paramLayout, type ParamLayout } from "../../../src/net/paramLayout.js";
import { unpackLayers } from "../../../src/net/unpackLayers.js";
import { float } from "../../../src/scalar/float.js";

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

const ACTIVATIONS: Activation[] = [{ kind: "relu" }, { kind: "leaky_relu", slope: "1/3" }, { kind: "abs" }, { kind: "linear" }];

/** A layered network of depth 2…4 with widths 1…17 (every padding of the kernel's rows), its data and loss. */
const layeredCase = fc
  .record({
    widths: fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 3, maxLength: 5 }),
    n: fc.integer({ min: 1, max: 7 }),
    activation: fc.constantFrom(...ACTIVATIONS),
    kind: fc.constantFrom<LossKind>("mse", "bce"),
  })
  .chain(({ widths, n, activation, kind }) => {
    const depth = widths.length - 1;
    const num = fc.double({ min: -2, max: 2, noNaN: true });
    return fc
      .record({
        bias: fc.array(fc.boolean(), { minLength: depth, maxLength: depth }),
        X: fc.array(fc.array(num, { minLength: widths[0]!, maxLength: widths[0]! }), { minLength: n, maxLength: n }),
        Y: fc.array(fc.array(kind === "bce" ? fc.constantFrom(0, 1) : num, { minLength: widths[depth]!, maxLength: widths[depth]! }), {
          minLength: n,
          maxLength: n,
        }),
      })
      .chain(({ bias, X, Y }) => {
        const L = paramLayout(widths, bias, activation);
        return fc.record({
          L: fc.constant(L),
          theta: fc.array(num, { minLength: L.size, maxLength: L.size }),
          X: fc.constant(X),
          Y: fc.constant(Y),
          kind: fc.constant(kind),
          rows: fc.shuffledSubarray(
            Array.from({ length: n }, (_, i) => i),
            { minLength: 1 },
          ),
        });
      });
  });

const generic = (L: ParamLayout, theta: number[], X: number[][], Y: number[][], kind: LossKind) => {
  const { loss, grad } = lossAndGradient(unpackLayers(theta, L), { X, Y }, float, kind);
  return { loss, grad: packNetwork(grad) };
};

describe("floatKernel", () => {
  it("should give the generic float lossAndGradient at any depth, every activation, both losses, whatever the padding", () => {
    fc.assert(
      fc.property(layeredCase, ({ L, theta, X, Y, kind }) => {
        // Act
        const ours = floatKernel(L, kind, { X, Y }).lossAndGradient(theta);
        const ref = generic(L, theta, X, Y, kind);
        // Assert
        expect(close(ours.loss, ref.loss), `loss ${ours.loss} vs ${ref.loss}`).toBe(true);
        ref.grad.forEach((v, q) => {
          // Every sum is taken in the generic kernel's order: for mse the same double (up to the sign of a zero).
          if (kind === "mse") expect(ours.grad[q] === v, `parameter ${q}: ${ours.grad[q]} vs ${v}`).toBe(true);
          else expect(close(ours.grad[q]!, v), `parameter ${q}: ${ours.grad[q]} vs ${v}`).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("should give the loss and gradient of the mini-batch of the rows asked for, in their order, and of all rows again after", () => {
    fc.assert(
      fc.property(layeredCase, ({ L, theta, X, Y, kind, rows }) => {
        const K = floatKernel(L, kind, { X, Y });
        const batch = K.lossAndGradient(theta, rows);
        const ref = generic(
          L,
          theta,
          rows.map((i) => X[i]!),
          rows.map((i) => Y[i]!),
          kind,
        );
        expect(close(batch.loss, ref.loss)).toBe(true);
        for (const [q, v] of ref.grad.entries()) expect(close(batch.grad[q]!, v), `parameter ${q}`).toBe(true);
        expect(close(K.loss(theta, rows), ref.loss)).toBe(true);
        expect(close(K.loss(theta), generic(L, theta, X, Y, kind).loss)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it("should refuse data whose widths are not the layout's, and more rows than the data holds", () => {
    const L = paramLayout([2, 3, 1], [true, false], { kind: "relu" });
    expect(() => floatKernel(L, "mse", { X: [[1]], Y: [[0]] })).toThrow(InputError);
    expect(() => floatKernel(L, "mse", { X: [[1, 2]], Y: [[0, 1]] })).toThrow(InputError);
    const K = floatKernel(L, "mse", { X: [[1, 2]], Y: [[0]] });
    expect(() => K.loss(new Array<number>(L.size).fill(0), [0, 0])).toThrow(InputError);
    expect(() => K.loss(new Array<number>(L.size).fill(0), [1])).toThrow(InputError);
  });
});
