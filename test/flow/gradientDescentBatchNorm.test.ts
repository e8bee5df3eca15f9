import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { predictedBatchNormDrift } from "../../src/invariants/predictedBatchNormDrift.js";
import type { Layer, LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import { decimal, type DecimalValue } from "../../src/scalar/decimal.js";
import { exact } from "../../src/scalar/exact.js";
import type { Scalar } from "../../src/scalar/scalar.js";
import { batchNormNet, parsedNet } from "../helpers/batchNormNet.js";

// Gradient descent trains γ and β with W and b (docs/convolutions.md §2–3): each step against an independent
// step built from lossAndGradient, and the laws of every batch-normalised channel against their prediction.
const D = decimal(60);
const TOL = D.parse("1e-50"); // 10^−(D−10) at D = 60

/** θ − η∇L on every parameter, W, b, γ and β, written out layer by layer (no flat layout). */
function referenceStep<T>(net: LayeredNetwork<T>, grad: LayeredNetwork<T>, eta: T, S: Scalar<T>): LayeredNetwork<T> {
  const move = (ps: readonly T[], gs: readonly T[]): T[] => ps.map((p, k) => S.sub(p, S.mul(eta, gs[k] as T)));
  const layers: Layer<T>[] = net.layers.map((layer, l) => {
    const g = grad.layers[l] as Layer<T>;
    return {
      W: layer.W.map((row, r) => move(row, g.W[r] as T[])),
      b: layer.b === undefined ? undefined : move(layer.b, g.b as T[]),
      ...(layer.norm === undefined
        ? {}
        : {
            norm: {
              gamma: move(layer.norm.gamma, g.norm?.gamma ?? []),
              beta: move(layer.norm.beta, g.norm?.beta ?? []),
              eps: layer.norm.eps,
            },
          }),
    };
  });
  return { activation: net.activation, layers };
}

const flat = <T>(net: LayeredNetwork<T>): T[] =>
  net.layers.flatMap((l) => [...l.W.flat(), ...(l.b ?? []), ...(l.norm?.gamma ?? []), ...(l.norm?.beta ?? [])]);

const close = (a: DecimalValue, b: DecimalValue): boolean => a.minus(b).abs().lte(TOL);

describe("gradientDescent on a network with batch normalisation", () => {
  it("should step W, b, γ and β as an independent step does, and follow every channel's laws to 1e-50 in 60 digits", () => {
    let corrected = 0;
    fc.assert(
      fc.property(batchNormNet(["0", "1e-5"], ["relu", "linear"]), fc.constantFrom("1/10", "1/2"), (c, etaText) => {
        // Arrange: a batch whose pre-activation varies (at ε = 0 a constant channel divides by 0)
        const { net, data } = parsedNet(c, D);
        const eta = D.parse(etaText);
        let first: ReturnType<typeof lossAndGradient<DecimalValue>>;
        try {
          first = lossAndGradient(net, data, D, "mse");
        } catch {
          fc.pre(false);
          return;
        }
        let run: ReturnType<typeof gradientDescent<DecimalValue>>;
        try {
          run = gradientDescent(net, data, D, { lr: eta, steps: 2, loss: "mse" });
        } catch {
          fc.pre(false);
          return;
        }
        // Act: the independent first step, and the second from it
        const one = referenceStep(net, first.grad, eta, D);
        const two = referenceStep(one, lossAndGradient(one, data, D, "mse").grad, eta, D);
        // Assert: the run's parameters are the reference's, γ and β included
        const got = flat(run.params);
        const want = flat(two);
        expect(got.length).toBe(want.length);
        for (const [k, v] of got.entries()) expect(close(v, want[k] as DecimalValue), `parameter ${k}`).toBe(true);
        const bn = run.batchNorm;
        expect(bn).toBeDefined();
        if (bn === undefined) return;
        for (let t = 0; t < 2; t++) {
          run.observedDrift[t]?.forEach((v, k) => {
            expect(close(v, run.predictedDrift[t]?.[k] as DecimalValue)).toBe(true);
          });
          bn.observedKernelDrift[t]?.forEach((v, k) => {
            expect(close(v, bn.predictedKernelDrift?.[t]?.[k] as DecimalValue)).toBe(true);
          });
        }
        // the rescaling law's predicted drift is predictedBatchNormDrift's, the kernel's too, at the first step
        const independent = predictedBatchNormDrift(net, first, eta, D);
        for (const [j, d] of independent.entries()) {
          expect(close(d.affine, run.predictedDrift[0]?.[j] as DecimalValue)).toBe(true);
          expect(close(d.kernel, bn.predictedKernelDrift?.[0]?.[j] as DecimalValue)).toBe(true);
        }
        // the bias before the normalisation has zero gradient: it moves only by rounding
        for (const row of bn.bias)
          row.forEach((v, k) => {
            expect(close(v, bn.bias[0]?.[k] as DecimalValue)).toBe(true);
          });
        // c of a normalised channel is γ² + β² − ‖readers‖², recomputed here from the final network
        const [lower, upper] = run.params.layers as [Layer<DecimalValue>, Layer<DecimalValue>];
        lower.W.forEach((_, j) => {
          const g = lower.norm?.gamma[j] as DecimalValue;
          const b = lower.norm?.beta[j] as DecimalValue;
          const readers = upper.W.reduce((s, row) => s.plus((row[j] as DecimalValue).pow(2)), D.zero);
          expect(close(run.invariants[2]?.[j] as DecimalValue, g.pow(2).plus(b.pow(2)).minus(readers))).toBe(true);
        });
        if (c.net.layers[0]?.norm?.eps !== "0") corrected++;
      }),
      { numRuns: 40, seed: 2506 },
    );
    expect(corrected).toBeGreaterThan(0);
  });

  it("should predict the drift of c and of ‖K_j‖² under weight decay, biases decayed or not, to 1e-50", () => {
    fc.assert(
      fc.property(batchNormNet(["0", "1e-5"], ["relu"]), fc.boolean(), (c, biasDecay) => {
        // Arrange
        const { net, data } = parsedNet(c, D);
        let run: ReturnType<typeof gradientDescent<DecimalValue>>;
        try {
          const optimizer = { weightDecay: D.parse("1/10"), biasDecay };
          run = gradientDescent(net, data, D, { lr: D.parse("1/4"), steps: 2, loss: "mse", optimizer });
        } catch {
          fc.pre(false);
          return;
        }
        // Assert: observed against predicted, and the decay pulls the bias before BN towards 0 only when it reaches biases
        const bn = run.batchNorm;
        for (let t = 0; t < 2; t++) {
          run.observedDrift[t]?.forEach((v, k) => {
            expect(close(v, run.predictedDrift[t]?.[k] as DecimalValue)).toBe(true);
          });
          bn?.observedKernelDrift[t]?.forEach((v, k) => {
            expect(close(v, bn.predictedKernelDrift?.[t]?.[k] as DecimalValue)).toBe(true);
          });
        }
        bn?.bias[0]?.forEach((b, k) => {
          const shrunk = b.times(D.parse("0.975").pow(2));
          expect(close(bn.bias[2]?.[k] as DecimalValue, biasDecay ? shrunk : b)).toBe(true);
        });
      }),
      { numRuns: 30, seed: 7 },
    );
  });

  it("should grow ‖K_j‖² by exactly η²‖g_j‖² per step in rationals at ε = 0, on two points (the variance is a square)", () => {
    fc.assert(
      fc.property(batchNormNet(["0"], ["relu", "linear"]), (c) => {
        // Arrange: two data points, so σ_j² = ((z_1 − z_2)/2)² and √σ_j² is rational
        const two = { ...c, X: c.X.slice(0, 2), Y: c.Y.slice(0, 2) };
        const { net, data } = parsedNet(two, exact);
        const eta = exact.parse("1/4");
        let run: ReturnType<typeof gradientDescent<ReturnType<typeof exact.parse>>>;
        try {
          run = gradientDescent(net, data, exact, { lr: eta, steps: 2, loss: "mse" });
        } catch {
          fc.pre(false);
          return;
        }
        // Act: η²‖g_j‖² from an independent gradient at θ_0
        const { grad } = lossAndGradient(net, data, exact, "mse");
        const growth = grad.layers[0]?.W.map((g) =>
          exact.mul(
            exact.mul(eta, eta),
            g.reduce((s, v) => exact.add(s, exact.mul(v, v)), exact.zero),
          ),
        );
        // Assert: exactly, and the rescaling law's drift exactly as predicted
        expect(run.batchNorm?.observedKernelDrift[0]?.map(exact.toString)).toEqual(growth?.map(exact.toString));
        expect(run.batchNorm?.predictedKernelDrift?.map((r) => r.map(exact.toString))).toEqual(
          run.batchNorm?.observedKernelDrift.map((r) => r.map(exact.toString)),
        );
        expect(run.predictedDrift.map((r) => r.map(exact.toString))).toEqual(run.observedDrift.map((r) => r.map(exact.toString)));
        // the bias before the normalisation has zero gradient: it does not move at all
        for (const row of run.batchNorm?.bias ?? []) expect(row.map(exact.toString)).toEqual(run.batchNorm?.bias[0]?.map(exact.toString));
      }),
      { numRuns: 40, seed: 25 },
    );
  });

  it("should refuse in one line an exact run whose √(σ² + ε) is irrational", () => {
    const { net, data } = parsedNet(
      {
        net: {
          activation: { kind: "relu" },
          layers: [{ W: [["1"]], b: ["0"], norm: { gamma: ["1"], beta: ["0"], eps: "1/100000" } }, { W: [["1"]] }],
        },
        X: [["0"], ["2"]],
        Y: [["1"], ["0"]],
      },
      exact,
    );
    expect(() => gradientDescent(net, data, exact, { lr: exact.parse("1/10"), steps: 1, loss: "mse" })).toThrow(/^[^\n]*$/);
    expect(() => gradientDescent(net, data, exact, { lr: exact.parse("1/10"), steps: 1, loss: "mse" })).toThrow(/irrational|square/);
  });
});
