import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError, InternalError } from "../../../src/errors.js";
import type { Activation } from "../../../src/net/activation.js";
import { floatKernel } from "../../../src/net/kernels/floatKernel.js";
import { lossAndGradient } from "../../../src/net/lossAndGradient.js";
import type { LossKind } from "../../../src/net/loss.js";
import { packNetwork } from "../../../src/net/packNetwork.js";
import { paramLayout, type ParamLayout } from "../../../src/net/paramLayout.js";
import { unpackLayers } from "../../../src/net/unpackLayers.js";
import { float } from "../../../src/scalar/float.js";
import { runs } from "../../helpers/campaign.js";

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

const ACTIVATIONS: Activation[] = [{ kind: "relu" }, { kind: "leaky_relu", slope: "1/3" }, { kind: "abs" }, { kind: "linear" }];

/**
 * A layered network of depth 2…4 with widths 1…17 (every padding of the kernel's rows), its data (rows…maxRows
 * rows) and loss; with `scalar`, a network of one output.
 */
const layeredCaseOf = (rows: number, maxRows: number, scalar = false) =>
  fc
    .record({
      widths: fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 3, maxLength: 5 }).map((w) => (scalar ? [...w.slice(0, -1), 1] : w)),
      n: fc.integer({ min: rows, max: maxRows }),
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

const layeredCase = layeredCaseOf(1, 7);

const generic = (L: ParamLayout, theta: number[], X: number[][], Y: number[][], kind: LossKind) => {
  const { loss, grad } = lossAndGradient(unpackLayers(theta, L), { X, Y }, float, kind);
  return { loss, grad: packNetwork(grad) };
};

/**
 * The float kernel's loss and gradient against the generic kernel's: every sum is taken in the generic kernel's
 * order, so for mse each gradient entry is the same double (up to the sign of a zero); for bce, and for the loss,
 * within a relative 10^−12.
 */
function expectGeneric(
  ours: { loss: number; grad: readonly number[] },
  ref: { loss: number; grad: readonly number[] },
  kind: LossKind,
): void {
  expect(close(ours.loss, ref.loss), `loss ${ours.loss} vs ${ref.loss}`).toBe(true);
  ref.grad.forEach((v, q) => {
    if (kind === "mse") expect(ours.grad[q] === v, `parameter ${q}: ${ours.grad[q]} vs ${v}`).toBe(true);
    else expect(close(ours.grad[q]!, v), `parameter ${q}: ${ours.grad[q]} vs ${v}`).toBe(true);
  });
}

describe("floatKernel", () => {
  it("should give the generic float lossAndGradient at any depth, every activation, both losses, whatever the padding", {
    tags: ["long"],
  }, () => {
    fc.assert(
      fc.property(layeredCase, ({ L, theta, X, Y, kind }) => {
        // Act
        const ours = floatKernel(L, kind, { X, Y }).lossAndGradient(theta);
        // Assert
        expectGeneric(ours, generic(L, theta, X, Y, kind), kind);
      }),
      { numRuns: runs(150, 40) },
    );
  });

  it("should give the generic float gradient bit for bit (mse) on data of more rows than a block of the weight gradient (64)", () => {
    fc.assert(
      fc.property(layeredCaseOf(63, 200), ({ L, theta, X, Y, kind }) => {
        // the second call of a kernel: what the first left in its memory must not enter
        const kernel = floatKernel(L, kind, { X, Y });
        kernel.lossAndGradient(theta.map((v) => -v));
        expectGeneric(kernel.lossAndGradient(theta), generic(L, theta, X, Y, kind), kind);
      }),
      { numRuns: 25 },
    );
  });

  it("should give the generic float gradient bit for bit (mse) for one output on eight rows or more (two rows a vector)", () => {
    fc.assert(
      fc.property(layeredCaseOf(8, 40, true), ({ L, theta, X, Y, kind }) => {
        expectGeneric(floatKernel(L, kind, { X, Y }).lossAndGradient(theta), generic(L, theta, X, Y, kind), kind);
      }),
      { numRuns: runs(60, 25) },
    );
  });

  it("should give from a released kernel's memory what fresh memory gives, and refuse a released kernel's calls", () => {
    fc.assert(
      fc.property(layeredCaseOf(1, 30), layeredCaseOf(1, 30), (a, b) => {
        // the first kernel leaves its values all over its memory, the padding of the second kernel's rows included
        const first = floatKernel(a.L, a.kind, { X: a.X, Y: a.Y });
        const held = first.descent?.(a.theta, 0.5);
        held?.step();
        first.release?.();
        expect(() => first.loss(a.theta)).toThrow(InternalError);
        expect(() => held?.step()).toThrow(InternalError);
        const reused = floatKernel(b.L, b.kind, { X: b.X, Y: b.Y }).lossAndGradient(b.theta);
        const fresh = floatKernel(b.L, b.kind, { X: b.X, Y: b.Y }).lossAndGradient(b.theta);
        expect(reused).toEqual(fresh);
      }),
      { numRuns: runs(60, 25) },
    );
  });

  it("should give the loss and gradient of the mini-batch of the rows asked for, in their order, and of all rows again after", {
    tags: ["long"],
  }, () => {
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
      { numRuns: runs(80, 20) },
    );
  });

  it("should give binary cross-entropy and its slope to the 60-digit values over the whole float range of logits (its own exp)", {
    tags: ["long"],
  }, () => {
    const D = Decimal.clone({ precision: 60 });
    // f = x through one linear neuron with unit weights: the loss is mean(softplus(x) − y·x), both weight
    // gradients mean((sigmoid(x) − y)·x); odd and even row counts (the kernel pairs rows, twelve at a time for a
    // scalar output, the rest a pair at a time), logits from tiny to ±800.
    const logit = fc.oneof(fc.double({ min: -800, max: 800, noNaN: true }), fc.double({ min: -4, max: 4, noNaN: true }));
    const row = fc.tuple(logit, fc.constantFrom(0, 1));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30, size: "max" }), (rows) => {
        // Arrange
        const L = paramLayout([1, 1, 1], false, { kind: "linear" });
        const K = floatKernel(L, "bce", { X: rows.map(([x]) => [x]), Y: rows.map(([, y]) => [y]) });
        let loss = new D(0);
        let slope = new D(0);
        let scaleLoss = 0;
        let scaleSlope = 0;
        for (const [x, y] of rows) {
          const f = new D(x);
          const t = f.abs().neg().exp();
          const sigmoid = f.isNeg() ? t.div(t.plus(1)) : new D(1).div(t.plus(1));
          loss = loss.plus(Decimal.max(f, 0).plus(t.plus(1).ln()).minus(f.times(y)));
          slope = slope.plus(sigmoid.minus(y).times(f));
          scaleLoss += Math.max(x, 0) + Math.abs(y * x) + 1;
          scaleSlope += Math.abs(x);
        }
        const n = rows.length;
        // Act
        const { loss: ours, grad } = K.lossAndGradient([1, 1]);
        // Assert: a few roundings per row, relative to the sizes of what is summed (sigmoid(x) − y to ε absolute)
        expect(Math.abs(ours - loss.div(n).toNumber())).toBeLessThanOrEqual((1e-15 * scaleLoss) / n);
        for (const g of grad) expect(Math.abs(g - slope.div(n).toNumber())).toBeLessThanOrEqual((1e-15 * scaleSlope) / n + 1e-300);
        expect(K.loss([1, 1])).toBe(ours);
      }),
      { numRuns: runs(200, 50) },
    );
    // One row with y = 0 and x < 0: the slope sigmoid(x)·x = x·t/(1 + t), t = e^x, to a few roundings relative.
    fc.assert(
      fc.property(fc.double({ min: -700, max: -1e-3, noNaN: true }), (x) => {
        const K = floatKernel(paramLayout([1, 1, 1], false, { kind: "linear" }), "bce", { X: [[x]], Y: [[0]] });
        // x exactly (its binary fraction has fewer than 100 decimals): e^x magnifies an error in x by |x|
        const t = new D(x.toFixed(100)).exp();
        const want = t.div(t.plus(1)).times(x).toNumber();
        expect(Math.abs(K.lossAndGradient([1, 1]).grad[0]! / want - 1)).toBeLessThanOrEqual(1e-15);
      }),
      { numRuns: runs(300, 75) },
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
