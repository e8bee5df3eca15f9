import { describe, expect, it } from "vitest";
import { genericKernel } from "../../src/flow/_internals/genericKernel.js";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { predictedBatchNormDrift } from "../../src/invariants/predictedBatchNormDrift.js";
import type { GradientKernel } from "../../src/net/gradientKernel.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import { decimal, type DecimalValue } from "../../src/scalar/decimal.js";

// gd on a network with batch normalisation back-propagates once per step: the kernel's one gradient carries
// ∂L/∂γ and the batch variances that the ε-corrected drift of each kernel ‖K_j‖² needs.
const D = decimal(50);
const p = (v: string): DecimalValue => D.parse(v);
/** Linear → BatchNorm1d (ε = 1e-5) → ReLU → Linear, two units, on four points. */
const net: LayeredNetwork<DecimalValue> = {
  activation: { kind: "relu" },
  layers: [
    {
      W: [
        ["1", "-1/2"],
        ["1/4", "3/4"],
      ].map((r) => r.map(p)),
      b: ["1/8", "-1"].map(p),
      norm: { gamma: ["1", "3/2"].map(p), beta: ["1/4", "-1/8"].map(p), eps: p("1e-5") },
    },
    { W: [["1/2", "-1"]].map((r) => r.map(p)), b: [p("1/4")] },
  ],
};
const data = {
  X: [
    ["1", "2"],
    ["-1", "1/2"],
    ["3", "-1"],
    ["0", "1"],
  ].map((r) => r.map(p)),
  Y: [["1"], ["0"], ["-1"], ["1/2"]].map((r) => r.map(p)),
};
const lr = p("1/10");
const decay = p("1/100");

describe("gradientDescent on a network with batch normalisation", () => {
  it("should predict each step's kernel drift from the kernel's one gradient, called once per step", () => {
    // Arrange: the generic kernel, counted, with every variance it returns doubled, a mark that only a prediction
    // read from this very gradient carries (a second back-propagation would bring the true variances back)
    let calls = 0;
    const marked = (L: Parameters<typeof genericKernel<DecimalValue>>[0]): GradientKernel<DecimalValue> => {
      const inner = genericKernel(L, "mse", data, D);
      return {
        lossAndGradient(theta, rows) {
          calls++;
          const r = inner.lossAndGradient(theta, rows);
          return { ...r, variances: r.variances?.map((v) => v?.map((s) => D.add(s, s))) };
        },
        loss: (theta, rows) => inner.loss(theta, rows),
      };
    };
    // Act
    const run = gradientDescent(net, data, D, { lr, steps: 3, loss: "mse", optimizer: { weightDecay: decay }, kernel: marked });
    // Assert: one gradient per step, and the first step's prediction is the closed form at θ_0 with the marked variances
    expect(calls).toBe(3);
    const exact = lossAndGradient(net, data, D, "mse");
    const doubled = { ...exact, variances: exact.variances?.map((v) => v?.map((s) => D.add(s, s))) };
    const expected = predictedBatchNormDrift(net, doubled, lr, D, decay).map((d) => D.toString(d.kernel));
    expect(run.batchNorm?.predictedKernelDrift?.[0]?.map((v) => D.toString(v))).toEqual(expected);
    // and the mark matters: the true variances predict another drift
    const truth = predictedBatchNormDrift(net, exact, lr, D, decay).map((d) => D.toString(d.kernel));
    expect(expected).not.toEqual(truth);
  });

  it("should match the observed drift of ‖K_j‖² to 10^-40 every step with the generic kernel (ε > 0 and decay)", () => {
    const run = gradientDescent(net, data, D, { lr, steps: 3, loss: "mse", optimizer: { weightDecay: decay } });
    const bn = run.batchNorm;
    expect(bn?.predictedKernelDrift?.length).toBe(3);
    bn?.observedKernelDrift.forEach((row, t) => {
      row.forEach((v, j) => {
        const q = bn.predictedKernelDrift?.[t]?.[j] as DecimalValue;
        expect(v.minus(q).abs().toNumber()).toBeLessThan(1e-40);
        expect(v.abs().toNumber()).toBeGreaterThan(1e-6);
      });
    });
    // the flat gradient the step took holds ∂L/∂γ: the γ after one step is γ − η(∂L/∂γ + λγ)
    const one = gradientDescent(net, data, D, { lr, steps: 1, loss: "mse", optimizer: { weightDecay: decay } });
    const g = lossAndGradient(net, data, D, "mse").grad.layers[0]?.norm?.gamma ?? [];
    const gamma = net.layers[0]?.norm?.gamma ?? [];
    expect(one.params.layers[0]?.norm?.gamma.map((v) => D.toString(v))).toEqual(
      gamma.map((c, j) => D.toString(D.sub(c, D.mul(lr, D.add(g[j] as DecimalValue, D.mul(decay, c)))))),
    );
  });
});
