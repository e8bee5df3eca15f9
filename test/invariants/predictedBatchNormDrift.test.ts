import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { predictedBatchNormDrift } from "../../src/invariants/predictedBatchNormDrift.js";
import type { Layer, LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { type LossAndGradient, lossAndGradient } from "../../src/net/lossAndGradient.js";
import { readerBlock } from "../../src/net/readerBlock.js";
import { decimal, type DecimalValue } from "../../src/scalar/decimal.js";
import { batchNormNet, parsedNet } from "../helpers/batchNormNet.js";

// One decimal gradient-descent step (60 digits) on a network with a batch normalisation: the observed
// change of ‖K_j‖² and of γ_j² + β_j² − ‖readers‖² against docs/convolutions.md's prediction.
const D = decimal(60);
const sq = (v: DecimalValue): DecimalValue => v.times(v);
const sum = (vs: readonly DecimalValue[]): DecimalValue => vs.reduce((s, v) => s.plus(v), D.zero);

/** θ − η(∇L + λθ) on every parameter, W, b, γ and β (torch.optim.SGD with weight_decay on every group). */
function stepped(
  net: LayeredNetwork<DecimalValue>,
  grad: LayeredNetwork<DecimalValue>,
  eta: DecimalValue,
  lambda: DecimalValue,
): LayeredNetwork<DecimalValue> {
  const move = (p: DecimalValue, g: DecimalValue): DecimalValue => p.minus(eta.times(g.plus(lambda.times(p))));
  const vector = (ps: readonly DecimalValue[], gs: readonly DecimalValue[]): DecimalValue[] => ps.map((p, k) => move(p, gs[k]!));
  const layers: Layer<DecimalValue>[] = net.layers.map((layer, l) => {
    const g = grad.layers[l]!;
    return {
      W: layer.W.map((row, r) => vector(row, g.W[r]!)),
      b: layer.b === undefined ? undefined : vector(layer.b, g.b!),
      ...(layer.norm === undefined
        ? {}
        : { norm: { gamma: vector(layer.norm.gamma, g.norm!.gamma), beta: vector(layer.norm.beta, g.norm!.beta), eps: layer.norm.eps } }),
    };
  });
  return { activation: net.activation, layers };
}

/** ‖K_j‖² and c_j = γ_j² + β_j² − ‖readers of j‖², computed from the weights alone. */
function laws(net: LayeredNetwork<DecimalValue>, l: number, j: number): { kernel: DecimalValue; affine: DecimalValue } {
  const layer = net.layers[l]!;
  const upper = net.layers[l + 1]!;
  const { rows, columns } = readerBlock(layer, upper, j);
  const readers = sum(upper.W.slice(rows[0], rows[1]).flatMap((r) => r.slice(columns[0], columns[1]).map(sq)));
  return { kernel: sum(layer.W[j]!.map(sq)), affine: sq(layer.norm!.gamma[j]!).plus(sq(layer.norm!.beta[j]!)).minus(readers) };
}

describe("predictedBatchNormDrift", () => {
  it("should predict one decimal GD step's Δ‖K_j‖² (ε-corrected) and Δ(γ² + β² − ‖readers‖²), with and without weight decay, to 1e-40", () => {
    let corrected = 0;
    fc.assert(
      fc.property(
        batchNormNet(["0", "1e-5"], ["relu", "linear"]),
        fc.constantFrom("1/10", "1/2"),
        fc.constantFrom("0", "1/100"),
        (c, etaText, lambdaText) => {
          // Arrange
          const { net, data } = parsedNet(c, D);
          let step: LossAndGradient<DecimalValue>;
          try {
            step = lossAndGradient(net, data, D, "mse");
          } catch {
            fc.pre(false);
            return;
          }
          fc.pre((step.variances?.[0] ?? []).every((v) => v.gt(D.parse("1/16"))));
          const eta = D.parse(etaText);
          const lambda = D.parse(lambdaText);
          // Act
          const predicted = predictedBatchNormDrift(net, step, eta, D, lambdaText === "0" ? undefined : lambda);
          const next = stepped(net, step.grad, eta, lambda);
          // Assert
          expect(predicted.map((p) => p.channel)).toEqual(net.layers[0]!.W.map((_, j) => j));
          for (const { layer, channel, kernel, affine } of predicted) {
            const before = laws(net, layer, channel);
            const after = laws(next, layer, channel);
            const scale = Math.max(1, before.kernel.toNumber(), Math.abs(before.affine.toNumber()));
            expect(after.kernel.minus(before.kernel).minus(kernel).abs().toNumber()).toBeLessThan(1e-40 * scale);
            expect(after.affine.minus(before.affine).minus(affine).abs().toNumber()).toBeLessThan(1e-40 * scale);
            // at ε > 0 the ε-correction is what makes the prediction right: η²‖g‖² alone misses by more
            if (c.net.layers[0]!.norm!.eps !== "0" && lambdaText === "0") {
              const g = step.grad.layers[layer]!.W[channel]!;
              if (
                after.kernel
                  .minus(before.kernel)
                  .minus(sq(eta).times(sum(g.map(sq))))
                  .abs()
                  .toNumber() > 1e-30
              )
                corrected++;
            }
          }
        },
      ),
      { numRuns: 60 },
    );
    expect(corrected).toBeGreaterThan(5);
  });

  it("should refuse a gradient that carries no batch variances", () => {
    const { net, data } = parsedNet(
      {
        net: { activation: { kind: "linear" }, layers: [{ W: [["1"]], norm: { gamma: ["1"], beta: ["0"], eps: "0" } }, { W: [["1"]] }] },
        X: [["0"], ["1"]],
        Y: [["0"], ["1"]],
      },
      D,
    );
    const { loss, grad } = lossAndGradient(net, data, D, "mse");
    expect(() => predictedBatchNormDrift(net, { loss, grad }, D.one, D)).toThrow(/batch normalisation on layer 1/);
  });
});
