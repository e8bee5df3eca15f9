import { describe, expect, it, vi } from "vitest";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { predictedBatchNormDrift } from "../../src/invariants/predictedBatchNormDrift.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import { decimal, type DecimalValue } from "../../src/scalar/decimal.js";

// Every back-propagation of the run goes through this spy (the generic kernel and anything else that imports it).
vi.mock("../../src/net/lossAndGradient.js", async (original) => {
  const real = await original<typeof import("../../src/net/lossAndGradient.js")>();
  return { ...real, lossAndGradient: vi.fn(real.lossAndGradient) };
});

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

describe("gradientDescent on a network with batch normalisation", () => {
  it("should back-propagate once per step, and predict the kernel's drift from that one gradient", () => {
    const spy = vi.mocked(lossAndGradient);
    spy.mockClear();
    const steps = 3;
    const lr = p("1/10");
    const decay = p("1/100");
    const run = gradientDescent(net, data, D, { lr, steps, loss: "mse", optimizer: { weightDecay: decay } });
    // one gradient per step: the ε-corrected prediction reads its ∂L/∂γ and batch variances
    expect(spy).toHaveBeenCalledTimes(steps);
    spy.mockClear();
    // the first step's prediction is the one an independent gradient at θ_0 gives
    const independent = predictedBatchNormDrift(net, lossAndGradient(net, data, D, "mse"), lr, D, decay).map((d) => d.kernel);
    const predicted = run.batchNorm?.predictedKernelDrift?.[0] ?? [];
    expect(predicted.map((v) => D.toString(v))).toEqual(independent.map((v) => D.toString(v)));
    // and every step's prediction is the observed drift of ‖K_j‖² to 10^-40 (not zero: ε > 0 and decay)
    run.batchNorm?.observedKernelDrift.forEach((row, t) => {
      row.forEach((v, j) => {
        const q = run.batchNorm?.predictedKernelDrift?.[t]?.[j] as DecimalValue;
        expect(v.minus(q).abs().toNumber()).toBeLessThan(1e-40);
        expect(v.abs().toNumber()).toBeGreaterThan(1e-6);
      });
    });
  });
});
