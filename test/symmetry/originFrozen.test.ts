import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbDeepProblem } from "../../src/claims/arbitraries/arbDeepProblem.js";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { datasetIn } from "../../src/net/datasetIn.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { arithmetic } from "../../src/scalar/arithmetic.js";
import { deadNeurons } from "../../src/symmetry/deadNeurons.js";
import { exact } from "../../src/scalar/exact.js";

// A hidden neuron at the origin (incoming weights, bias and outgoing weights all 0) is frozen by
// every optimiser, for every activation: checked against the optimisers themselves, step by step.
const optimisers = [
  { arith: "exact", optimizer: {} },
  { arith: "exact", optimizer: { momentum: "1/2", nesterov: true } },
  { arith: "exact", optimizer: { momentum: "9/10", dampening: "1/10", weightDecay: "1/10" } },
  { arith: "decimal:30", optimizer: { name: "adam" } },
  { arith: "decimal:30", optimizer: { name: "adamw" } },
] as const;

function zeroNeuron(net: LayeredNetwork<string>, h: number, k: number): LayeredNetwork<string> {
  const layers = net.layers.map(({ W, b }, l) => ({
    W: W.map((row, r) => row.map((v, c) => ((l === h - 1 && r === k) || (l === h && c === k) ? "0" : v))),
    b: b?.map((v, r) => (l === h - 1 && r === k ? "0" : v)),
  }));
  return { activation: net.activation, layers };
}

describe("a neuron at the origin", () => {
  it("should not move under SGD, momentum, Nesterov, weight decay, Adam or AdamW, full or mini-batch, and deadNeurons says so", () => {
    fc.assert(
      fc.property(
        arbDeepProblem({ depth: { max: 3 }, width: { max: 3 }, points: { max: 3 }, kinks: false }),
        fc.nat(),
        fc.constantFrom(...optimisers),
        fc.boolean(),
        ({ net, data }, pick, { arith, optimizer }, miniBatch) => {
          const hidden = net.layers.slice(0, -1).flatMap((l, i) => l.W.map((_, k) => [i + 1, k] as const));
          const [h, k] = hidden[pick % hidden.length]!;
          const theta = zeroNeuron(net, h, k);
          const exactNet = {
            activation: theta.activation,
            layers: theta.layers.map(({ W, b }) => ({ W: W.map((r) => r.map(exact.parse)), b: b?.map(exact.parse) })),
          };
          expect(
            deadNeurons(
              exactNet,
              data.X.map((x) => x.map(exact.parse)),
            ).find((d) => d.layer === h && d.neuron === k),
          ).toMatchObject({ gd: "forever", flow: "forever" });
          const S = arithmetic(arith);
          const netS = {
            activation: theta.activation,
            layers: theta.layers.map(({ W, b }) => ({ W: W.map((r) => r.map(S.parse)), b: b?.map(S.parse) })),
          };
          const opt = Object.fromEntries(
            Object.entries(optimizer).map(([key, v]) => [key, typeof v === "string" && key !== "name" ? S.parse(v) : v]),
          );
          const run = gradientDescent(netS, datasetIn(data, S), S, {
            lr: S.parse("1/4"),
            steps: 3,
            loss: "mse",
            optimizer: opt,
            ...(miniBatch ? { batchSize: 1, shuffleSeed: 5 } : {}),
          });
          const after = (run.params as LayeredNetwork<unknown>).layers;
          const zero = (v: unknown): boolean => S.sign(v as never) === 0;
          expect(after[h - 1]!.W[k]!.every(zero)).toBe(true);
          if (after[h - 1]!.b) expect(zero(after[h - 1]!.b![k])).toBe(true);
          expect(after[h]!.W.every((row) => zero(row[k]))).toBe(true);
        },
      ),
      { numRuns: 40, seed: 3 },
    );
  });
});
