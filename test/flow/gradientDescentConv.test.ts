import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import type { Layer } from "../../src/net/layeredNetwork.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { arbConvCase } from "../helpers/convNets.js";

const S = exact;

/**
 * Whether entry (r, c) of `upper` reads channel j of `lower`, from PyTorch's definitions: after `flatten`
 * column c belongs to channel ⌊c / (columns / C)⌋; a convolution's row r reads the input channels of its group,
 * column c the ⌊c / taps⌋-th of them.
 */
function reads(lower: Layer<Rational>, upper: Layer<Rational>, r: number, c: number, j: number): boolean {
  const C = lower.W.length;
  const columns = upper.W[0]!.length;
  if (upper.conv === undefined) return Math.floor(c / (columns / C)) === j;
  const { groups } = upper.conv;
  const taps = upper.conv.kernel.reduce((p, k) => p * k, 1);
  const group = Math.floor(r / (upper.W.length / groups));
  return group * (C / groups) + Math.floor(c / taps) === j;
}

/** c of every channel, summed over the entries that read it, found by testing every entry of the layer above. */
function channelLaws(layers: readonly Layer<Rational>[]): string[] {
  const out: string[] = [];
  for (let l = 0; l + 1 < layers.length; l++) {
    const lower = layers[l]!;
    const upper = layers[l + 1]!;
    lower.W.forEach((row, j) => {
      let c = S.zero;
      for (const v of [...row, ...(lower.b === undefined ? [] : [lower.b[j]!])]) c = S.add(c, S.mul(v, v));
      for (const [r, urow] of upper.W.entries())
        for (const [col, v] of urow.entries()) if (reads(lower, upper, r, col, j)) c = S.sub(c, S.mul(v, v));
      out.push(S.toString(c));
    });
  }
  return out;
}

describe("gradientDescent on networks with convolutions", () => {
  it("should record c per channel and a drift equal, exactly and at every step, to the predicted η²(‖g_w̃‖² − ‖g_a‖²)", () => {
    fc.assert(
      fc.property(arbConvCase(), fc.constantFrom("1/8", "1/3"), ({ net, data }, lr) => {
        const run = gradientDescent(net, data, S, { lr: S.parse(lr), steps: 2, loss: "mse" });
        expect(run.invariants[0]!.map(S.toString)).toEqual(channelLaws(net.layers));
        expect(run.invariants[2]!.map(S.toString)).toEqual(channelLaws(run.params.layers));
        for (const [t, row] of run.observedDrift.entries()) expect(row.map(S.toString)).toEqual(run.predictedDrift[t]!.map(S.toString));
        // the run keeps the network's convolutions, pooling and input shape
        expect(run.params.input).toEqual(net.input);
        expect(run.params.layers.map((l) => [l.conv, l.pool])).toEqual(net.layers.map((l) => [l.conv, l.pool]));
      }),
      { numRuns: 40 },
    );
  });

  it("should predict a drift that is not zero: a step of gradient descent moves c per channel by η²(‖g_w̃‖² − ‖g_a‖²)", () => {
    // Conv1d(1, 1, kernel_size=1) of weight 1 on x = 1, then Linear(2, 1) of ones, target 0, lr 1/2.
    const net = {
      activation: { kind: "relu" } as const,
      input: { channels: 1, size: [2] },
      layers: [{ W: [[S.one]], conv: { kernel: [1], groups: 1, stride: [1], padding: [0] } }, { W: [[S.one, S.one]] }],
    };
    const data = { X: [[S.one, S.one]], Y: [[S.zero]] };
    const run = gradientDescent(net, data, S, { lr: S.parse("1/2"), steps: 1, loss: "mse" });
    // f = 2, dL/df = 4: g_W1 = 4·(1 + 1) = 8, g_W2 = [4, 4]; drift = (1/4)(64 − 32) = 8
    expect(run.predictedDrift[0]!.map(S.toString)).toEqual(["8"]);
    expect(run.observedDrift[0]!.map(S.toString)).toEqual(["8"]);
  });

  it("should take rows of channels · ∏size inputs, the input tensor flattened, and refuse other widths in one line", () => {
    const net = {
      activation: { kind: "relu" } as const,
      input: { channels: 1, size: [3] },
      layers: [{ W: [[S.one, S.one]], conv: { kernel: [2], groups: 1, stride: [1], padding: [0] } }, { W: [[S.one, S.one]] }],
    };
    const row = [S.one, S.zero, S.one];
    expect(gradientDescent(net, { X: [row], Y: [[S.zero]] }, S, { lr: S.parse("1/8"), steps: 1, loss: "mse" }).losses).toHaveLength(2);
    expect(() => gradientDescent(net, { X: [row.slice(1)], Y: [[S.zero]] }, S, { lr: S.parse("1/8"), steps: 1, loss: "mse" })).toThrow(
      "invalid data. Must be rows of 3 inputs, the network's input width. Value: `row 0 has 2`.",
    );
  });
});
