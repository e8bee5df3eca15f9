import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { neuronInvariants } from "../../src/invariants/neuronInvariants.js";
import type { Activation } from "../../src/net/activation.js";
import type { Dataset } from "../../src/net/readDataset.js";
import { forward } from "../../src/net/forward.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import type { Layer, LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { activation, positiveRational, rational } from "../helpers/arbitraries.js";
import { runs } from "../helpers/campaign.js";

const S = exact;
const text = (v: Rational): string => S.toString(v);
const rowsText = (rows: readonly (readonly Rational[])[]): string[][] => rows.map((r) => r.map(text));
const vec = (n: number): fc.Arbitrary<Rational[]> => fc.array(rational(), { minLength: n, maxLength: n });
const mat = (r: number, c: number): fc.Arbitrary<Rational[][]> => fc.array(vec(c), { minLength: r, maxLength: r });

/** SGD hyper-parameters as PyTorch accepts them, Nesterov only with μ > 0 and τ = 0. */
const sgdOptions = fc
  .record({
    momentum: fc.oneof(fc.constant(S.zero), positiveRational(9, 10)),
    dampening: fc.oneof(fc.constant(S.zero), rational(3, 4)),
    nesterov: fc.boolean(),
    weightDecay: fc.oneof(fc.constant(S.zero), positiveRational(3, 10)),
  })
  .map((o) => (o.nesterov && (S.sign(o.momentum) === 0 || S.sign(o.dampening) !== 0) ? { ...o, nesterov: false } : o));

interface DeepProblem {
  net: LayeredNetwork<Rational>;
  data: Dataset<Rational>;
}

/**
 * Random exact networks of three weight layers (widths ≤ 3, optional biases, every activation)
 * with n ≤ 4 rows; with `kinks`, one neuron of each hidden layer that has a bias is moved
 * onto its kink at row 0 (z = 0 exactly), layer 1 first, so that layer 2 sees the moved layer 1.
 */
const deepProblem: fc.Arbitrary<DeepProblem> = fc
  .record({ widths: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 4 }), n: fc.integer({ min: 1, max: 4 }) })
  .chain(({ widths, n }) =>
    fc.record({
      activation: activation as fc.Arbitrary<Activation>,
      layers: fc.tuple(...widths.slice(1).map((w, i) => fc.record({ W: mat(w, widths[i]!), b: fc.option(vec(w), { nil: undefined }) }))),
      X: mat(n, widths[0]!),
      Y: mat(n, widths[3]!),
      kinks: fc.tuple(fc.option(fc.nat(2), { nil: undefined }), fc.option(fc.nat(2), { nil: undefined })),
    }),
  )
  .map(({ activation: act, layers, X, Y, kinks }) => {
    const moved: Layer<Rational>[] = layers.map(({ W, b }) => ({ W, b: b === undefined ? undefined : [...b] }));
    kinks.forEach((k, l) => {
      const b = moved[l]!.b as Rational[] | undefined;
      if (k === undefined || b === undefined) return;
      const neuron = k % b.length;
      const z = forward({ activation: act, layers: moved }, X, S).preActivations[l]![0]![neuron]!;
      b[neuron] = S.sub(b[neuron]!, z);
    });
    return { net: { activation: act, layers: moved }, data: { X, Y } };
  });

/** PyTorch's documented SGD loop on a layered network, parameter by parameter, over the given batches. */
function referenceSgd(
  net: LayeredNetwork<Rational>,
  data: Dataset<Rational>,
  lr: Rational,
  o: { momentum: Rational; dampening: Rational; nesterov: boolean; weightDecay: Rational },
  batches: number[][],
): LayeredNetwork<Rational> {
  type Layers = { W: Rational[][]; b?: Rational[] | undefined }[];
  const zip = (a: readonly Layer<Rational>[], c: readonly Layer<Rational>[], f: (x: Rational, y: Rational) => Rational): Layers =>
    a.map(({ W, b }, l) => ({ W: W.map((r, i) => r.map((x, j) => f(x, c[l]!.W[i]![j]!))), b: b?.map((x, i) => f(x, c[l]!.b![i]!)) }));
  let theta: Layers = zip(net.layers, net.layers, (x) => x);
  let buf: Layers | undefined;
  for (const rows of batches) {
    const batch = { X: rows.map((i) => data.X[i]!), Y: rows.map((i) => data.Y[i]!) };
    const grad = lossAndGradient({ activation: net.activation, layers: theta }, batch, S, "mse").grad.layers;
    let g = zip(grad, theta, (d, p) => S.add(d, S.mul(o.weightDecay, p)));
    if (S.sign(o.momentum) !== 0) {
      const gNow = g;
      buf = buf === undefined ? g : zip(buf, gNow, (b, d) => S.add(S.mul(o.momentum, b), S.mul(S.sub(S.one, o.dampening), d)));
      const b = buf;
      g = o.nesterov ? zip(gNow, b, (d, v) => S.add(d, S.mul(o.momentum, v))) : b;
    }
    const u = g;
    theta = zip(theta, u, (p, d) => S.sub(p, S.mul(lr, d)));
  }
  return { activation: net.activation, layers: theta };
}

describe("gradientDescent on a network of three weight layers", () => {
  it("should change every c_{l,k} of every hidden layer by exactly the predicted drift, for every SGD variant, weight decay and mini-batching, kinks included", {
    tags: ["long"],
  }, () => {
    let firstOrder = 0;
    let onKink = 0;
    const cases = runs(60, 24);
    fc.assert(
      fc.property(
        deepProblem,
        positiveRational(3, 8),
        sgdOptions,
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.nat(1000), { nil: undefined }),
        ({ net, data }, lr, optimizer, batchSize, shuffleSeed) => {
          // Act
          const run = gradientDescent(net, data, S, { lr, steps: 3, loss: "mse", optimizer, batchSize, shuffleSeed });
          // Assert: one c per hidden neuron of layers 1 and 2, and the identity at every step
          expect(run.invariants[0]!.map(text)).toEqual(neuronInvariants(net, S).map(text));
          expect(run.invariants[3]!.map(text)).toEqual(neuronInvariants(run.params, S).map(text));
          expect(rowsText(run.observedDrift)).toEqual(rowsText(run.predictedDrift));
          if (S.sign(optimizer.momentum) !== 0 || S.sign(optimizer.weightDecay) !== 0) firstOrder++;
          const z = forward(net, data.X, S).preActivations;
          if (z.slice(0, 2).some((layer) => layer.some((row) => row.some((v) => S.sign(v) === 0)))) onKink++;
        },
      ),
      { numRuns: cases },
    );
    // a quarter of the cases with momentum or weight decay, a sixth with a point on a kink
    expect(firstOrder).toBeGreaterThan(cases / 4);
    expect(onKink).toBeGreaterThan(cases / 6);
  });

  it("should follow PyTorch's update rule at depth three (independent loop over the same batches)", () => {
    fc.assert(
      fc.property(
        deepProblem,
        positiveRational(3, 8),
        sgdOptions,
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.nat(50), { nil: undefined }),
        ({ net, data }, lr, optimizer, batchSize, shuffleSeed) => {
          const run = gradientDescent(net, data, S, { lr, steps: 3, loss: "mse", optimizer, batchSize, shuffleSeed });
          const want = referenceSgd(net, data, lr, optimizer, run.batches);
          expect(run.params.layers.map(({ W, b }) => ({ W: rowsText(W), b: b?.map(text) }))).toEqual(
            want.layers.map(({ W, b }) => ({ W: rowsText(W), b: b?.map(text) })),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it("should give −2ηλc + η²(…) to the neurons of the second hidden layer under weight decay alone", () => {
    // zero output weights and zero targets: ∇L = 0, so u = λθ and every c′ = (1 − ηλ)²c exactly
    const q = (v: string): Rational => S.parse(v);
    const net: LayeredNetwork<Rational> = {
      activation: { kind: "relu" },
      layers: [{ W: [[q("1")]] }, { W: [[q("3")]], b: [q("1")] }, { W: [[S.zero]] }],
    };
    const run = gradientDescent(net, { X: [[S.one]], Y: [[S.zero]] }, S, {
      lr: q("1/10"),
      steps: 1,
      loss: "mse",
      optimizer: { weightDecay: q("1/2") },
    });
    // c_1 = 1 − 9 = −8, c_2 = 9 + 1 − 0 = 10; (19/20)² − 1 = −39/400
    expect(run.observedDrift[0]!.map(text)).toEqual(["78/100", "-39/40"].map((v) => text(q(v))));
    expect(run.predictedDrift[0]!.map(text)).toEqual(run.observedDrift[0]!.map(text));
  });
});

describe("gradientDescent on a two-layer network in either form", () => {
  it("should refuse a step that is not positive and a network of one layer", () => {
    const one = { activation: { kind: "relu" } as Activation, layers: [{ W: [[S.one]] }] };
    const data = { X: [[S.one]], Y: [[S.one]] };
    expect(() =>
      gradientDescent({ activation: one.activation, layers: [{ W: [[S.one]] }, { W: [[S.one]] }] }, data, S, {
        lr: S.zero,
        steps: 1,
        loss: "mse",
      }),
    ).toThrow(/lr/);
    expect(() => gradientDescent(one, data, S, { lr: S.one, steps: 1, loss: "mse" })).toThrow(
      /invalid net\. Must be a network of two or more weight layers/,
    );
  });
});
