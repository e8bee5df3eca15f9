import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forward } from "../../src/net/forward.js";
import type { Layer, LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import { decimal, type DecimalValue } from "../../src/scalar/decimal.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { type BatchNormNetCase as Case, batchNormNet as netCase, parsedNet as parsed } from "../helpers/batchNormNet.js";

// Batch normalisation inside the one back-propagation (docs/convolutions.md §2): a dense network
// Linear → BatchNorm1d → σ → Linear, checked against PyTorch and against finite differences.
const REF = JSON.parse(readFileSync(new URL("../fixtures/batchnorm/torch_reference.json", import.meta.url), "utf8"));
const D = decimal(60);
/** A layer of the fixture: numbers, and a convolution's or pooling's shape as the network form has it. */
interface FixtureLayer {
  W: number[][];
  b: number[];
  norm?: { gamma: number[]; beta: number[]; eps: string };
  conv?: Layer<DecimalValue>["conv"];
  pool?: Layer<DecimalValue>["pool"];
}

/** Every trained parameter as a (get, set) pair on a mutable copy: W, b, γ and β of every layer. */
function parameterSlots(c: Case): { read: (g: LayeredNetwork<DecimalValue>) => DecimalValue; move: (h: DecimalValue) => Case }[] {
  const out: { read: (g: LayeredNetwork<DecimalValue>) => DecimalValue; move: (h: DecimalValue) => Case }[] = [];
  const shifted = (v: string, h: DecimalValue): string => D.parse(v).plus(h).toString();
  c.net.layers.forEach((layer, l) => {
    const edit = (f: (x: Layer<string>) => Layer<string>) => (): Case => ({
      ...c,
      net: { ...c.net, layers: c.net.layers.map((y, k) => (k === l ? f(y) : y)) },
    });
    for (const [r, row] of layer.W.entries())
      for (const k of row.keys()) {
        out.push({
          read: (g) => g.layers[l]!.W[r]![k]!,
          move: (h) => edit((x) => ({ ...x, W: x.W.map((rr, i) => (i === r ? rr.map((v, j) => (j === k ? shifted(v, h) : v)) : rr)) }))(),
        });
      }
    const vector = (name: "b" | "gamma" | "beta", values: readonly string[] | undefined): void => {
      values?.forEach((_, k) => {
        const set = (x: Layer<string>, h: DecimalValue): Layer<string> => {
          const bump = (vs: readonly string[]): string[] => vs.map((v, j) => (j === k ? shifted(v, h) : v));
          if (name === "b") return { ...x, b: bump(x.b ?? []) };
          const norm = x.norm as NonNullable<Layer<string>["norm"]>;
          return { ...x, norm: { ...norm, [name]: bump(norm[name]) } };
        };
        out.push({
          read: (g) => (name === "b" ? g.layers[l]!.b![k]! : g.layers[l]!.norm![name][k]!),
          move: (h) => edit((x) => set(x, h))(),
        });
      });
    };
    vector("b", layer.b);
    vector("gamma", layer.norm?.gamma);
    vector("beta", layer.norm?.beta);
  });
  return out;
}

describe("lossAndGradient with batch normalisation", () => {
  it.each([
    ["linearBatchNorm1d", "Linear → BatchNorm1d → ReLU → Linear"],
    ["convBatchNorm2d", "Conv2d → BatchNorm2d → ReLU → MaxPool2d → flatten → Linear"],
  ])("should give PyTorch's loss and gradient (float64) of %s (%s), γ and β included", (name) => {
    // Arrange: the fixture's numbers are short dyadics, read exactly
    const c = REF[name];
    const S = decimal(40);
    const vector = (v: number[]): DecimalValue[] => v.map((x) => S.parse(String(x)));
    const net: LayeredNetwork<DecimalValue> = {
      activation: { kind: "relu" },
      layers: c.network.layers.map((l: FixtureLayer) => ({
        ...l,
        W: l.W.map(vector),
        b: vector(l.b),
        norm: l.norm === undefined ? undefined : { gamma: vector(l.norm.gamma), beta: vector(l.norm.beta), eps: S.parse(l.norm.eps) },
      })),
      input: c.network.input,
    };
    const data = { X: c.X.map(vector), Y: c.Y.map(vector) };
    const close = (ours: DecimalValue | undefined, theirs: number): void =>
      expect(Math.abs((ours as DecimalValue).toNumber() - theirs)).toBeLessThan(1e-12 * Math.max(1, Math.abs(theirs)));
    // Act
    const { loss, grad } = lossAndGradient(net, data, S, "mse");
    // Assert
    close(loss, c.loss);
    c.grad.forEach((g: { W: number[][]; b: number[]; gamma?: number[]; beta?: number[] }, l: number) => {
      const ours = grad.layers[l]!;
      for (const [r, row] of g.W.entries()) for (const [k, v] of row.entries()) close(ours.W[r]![k], v);
      for (const [k, v] of g.b.entries()) close(ours.b?.[k], v);
      for (const [k, v] of (g.gamma ?? []).entries()) close(ours.norm?.gamma[k], v);
      for (const [k, v] of (g.beta ?? []).entries()) close(ours.norm?.beta[k], v);
    });
  });

  it("should give every parameter's gradient, W, b, γ and β, as a central finite difference of the loss (60 digits)", () => {
    fc.assert(
      fc.property(netCase(["0", "1e-5", "1/4"], ["linear", "relu"]), (c) => {
        // Arrange: the ε = 0 normalisation needs a spread in every unit; ReLU needs no kink nearby
        let base: ReturnType<typeof lossAndGradient<DecimalValue>>;
        try {
          const { net, data } = parsed(c, D);
          base = lossAndGradient(net, data, D, "mse");
        } catch {
          fc.pre(false);
          return;
        }
        fc.pre((base.variances?.[0] ?? []).every((v) => v.gt(D.parse("1/16"))));
        // away from ReLU's kink (a finite difference across it is no derivative)
        const { net, data } = parsed(c, D);
        fc.pre(
          c.net.activation.kind === "linear" ||
            forward(net, data.X, D).preActivations[0]!.every((r) => r.every((v) => v.abs().gt(D.parse("1e-6")))),
        );
        const h = D.parse("1e-20");
        const lossAt = (moved: Case): DecimalValue => {
          const { net, data } = parsed(moved, D);
          return lossAndGradient(net, data, D, "mse").loss;
        };
        // Act, Assert
        for (const slot of parameterSlots(c)) {
          const fd = lossAt(slot.move(h))
            .minus(lossAt(slot.move(h.neg())))
            .div(h.times(2));
          expect(Math.abs(fd.minus(slot.read(base.grad)).toNumber())).toBeLessThan(1e-25 * Math.max(1, Math.abs(fd.toNumber())));
        }
      }),
      { numRuns: 30 },
    );
  });

  it("should give the bias before the normalisation a gradient of exactly 0 in rationals (two points: √σ² is rational)", () => {
    let moving = 0;
    fc.assert(
      fc.property(netCase(["0"], ["relu", "linear"]), (c0) => {
        const c: Case = { ...c0, X: c0.X.slice(0, 2), Y: c0.Y.slice(0, 2) };
        const { net, data } = parsed<Rational>(c, exact);
        let grad: LayeredNetwork<Rational>;
        try {
          grad = lossAndGradient(net, data, exact, "mse").grad;
        } catch {
          fc.pre(false);
          return;
        }
        for (const v of grad.layers[0]!.b ?? []) expect(exact.toString(v)).toBe("0");
        const norm = grad.layers[0]!.norm;
        if ([...(norm?.gamma ?? []), ...(norm?.beta ?? [])].some((v) => exact.sign(v) !== 0)) moving++;
      }),
      { numRuns: 60 },
    );
    // the bias is not 0 for want of a signal: the gradient reaches γ or β in most cases
    expect(moving).toBeGreaterThan(20);
  });

  it("should refuse exact arithmetic through a normalisation whose √(σ² + ε) is irrational, in one line", () => {
    const c: Case = {
      net: {
        activation: { kind: "relu" },
        layers: [{ W: [["1"]], b: ["0"], norm: { gamma: ["1"], beta: ["0"], eps: "1/100000" } }, { W: [["1"]] }],
      },
      X: [["0"], ["1"], ["2"]],
      Y: [["0"], ["0"], ["1"]],
    };
    const { net, data } = parsed<Rational>(c, exact);
    expect(() => lossAndGradient(net, data, exact, "mse")).toThrow(
      /^invalid arith\. Must be decimal:D or float\. Value: `exact`\. Batch normalisation divides by √\(σ²\+ε\), irrational here \(channel 0: σ² \+ ε = 200003\/300000\)\.$/,
    );
  });
});
