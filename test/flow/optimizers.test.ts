import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { miniBatchRows } from "../../src/flow/miniBatchRows.js";
import { optimizerSpec } from "../../src/flow/optimizerSpec.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { mapNetwork } from "../../src/net/mapNetwork.js";
import { decimal } from "../../src/scalar/decimal.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { float } from "../../src/scalar/float.js";
import { netAndData, positiveRational, rational } from "../helpers/arbitraries.js";
import { twoLayer } from "../helpers/twoLayer.js";

const S = exact;
const text = (v: Rational): string => S.toString(v);

/** SGD hyper-parameters as PyTorch accepts them, Nesterov only with μ > 0 and τ = 0. */
const sgdOptions = fc
  .record({
    momentum: fc.oneof(fc.constant(S.zero), positiveRational(9, 10)),
    dampening: fc.oneof(fc.constant(S.zero), rational(3, 4)),
    nesterov: fc.boolean(),
    weightDecay: fc.oneof(fc.constant(S.zero), positiveRational(3, 10)),
  })
  .map((o) => (o.nesterov && (S.sign(o.momentum) === 0 || S.sign(o.dampening) !== 0) ? { ...o, nesterov: false } : o));

/** An independent SGD: PyTorch's documented loop on plain arrays of rationals, no shared stepping code. */
function referenceSgd(
  net: LayeredNetwork<Rational>,
  data: { X: Rational[][]; Y: Rational[][] },
  lr: Rational,
  o: { momentum: Rational; dampening: Rational; nesterov: boolean; weightDecay: Rational },
  batches: number[][],
): LayeredNetwork<Rational> {
  let theta = net;
  let buf: LayeredNetwork<Rational> | undefined;
  const zip = (
    a: LayeredNetwork<Rational>,
    b: LayeredNetwork<Rational>,
    f: (x: Rational, y: Rational) => Rational,
  ): LayeredNetwork<Rational> =>
    twoLayer({
      activation: a.activation,
      W1: a.layers[0]!.W.map((r, i) => r.map((x, j) => f(x, b.layers[0]!.W[i]![j]!))),
      b1: a.layers[0]!.b?.map((x, i) => f(x, b.layers[0]!.b![i]!)),
      W2: a.layers[1]!.W.map((r, i) => r.map((x, j) => f(x, b.layers[1]!.W[i]![j]!))),
      b2: a.layers[1]!.b?.map((x, i) => f(x, b.layers[1]!.b![i]!)),
    });
  for (const rows of batches) {
    const batch = { X: rows.map((i) => data.X[i]!), Y: rows.map((i) => data.Y[i]!) };
    let g = zip(lossAndGradient(theta, batch, S, "mse").grad, theta, (d, p) => S.add(d, S.mul(o.weightDecay, p)));
    if (S.sign(o.momentum) !== 0) {
      buf = buf === undefined ? g : zip(buf, g, (b, d) => S.add(S.mul(o.momentum, b), S.mul(S.sub(S.one, o.dampening), d)));
      const b = buf;
      g = o.nesterov ? zip(g, b, (d, v) => S.add(d, S.mul(o.momentum, v))) : b;
    }
    theta = zip(theta, g, (p, d) => S.sub(p, S.mul(lr, d)));
  }
  return theta;
}

describe("gradientDescent with torch.optim.SGD", () => {
  it("should change every c_k by exactly the predicted drift, for every SGD variant and mini-batching, kinks included", () => {
    let nonZeroFirstOrder = 0;
    fc.assert(
      fc.property(
        netAndData,
        positiveRational(3, 8),
        sgdOptions,
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.nat(1000), { nil: undefined }),
        ({ net, data }, lr, optimizer, batchSize, shuffleSeed) => {
          const run = gradientDescent(net, data, S, { lr, steps: 3, loss: "mse", optimizer, batchSize, shuffleSeed });
          run.observedDrift.forEach((row, t) => {
            expect(row.map(text)).toEqual(run.predictedDrift[t]!.map(text));
          });
          if (S.sign(optimizer.momentum) !== 0 || S.sign(optimizer.weightDecay) !== 0) nonZeroFirstOrder++;
        },
      ),
      { numRuns: 120 },
    );
    expect(nonZeroFirstOrder).toBeGreaterThan(30);
  });

  it("should follow PyTorch's update rule (independent loop over the same batches)", () => {
    fc.assert(
      fc.property(
        netAndData,
        positiveRational(3, 8),
        sgdOptions,
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.nat(50), { nil: undefined }),
        ({ net, data }, lr, optimizer, batchSize, shuffleSeed) => {
          const run = gradientDescent(net, data, S, { lr, steps: 3, loss: "mse", optimizer, batchSize, shuffleSeed });
          const want = referenceSgd(net, data as { X: Rational[][]; Y: Rational[][] }, lr, optimizer, run.batches);
          expect(mapNetwork(run.params, text)).toEqual(mapNetwork(want, text));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("should not conserve c_k with momentum or weight decay: the first-order term is generally non-zero", () => {
    let moved = 0;
    fc.assert(
      fc.property(netAndData, positiveRational(3, 8), ({ net, data }, lr) => {
        const plain = gradientDescent(net, data, S, { lr, steps: 2, loss: "mse" });
        const heavy = gradientDescent(net, data, S, {
          lr,
          steps: 2,
          loss: "mse",
          optimizer: { momentum: S.parse("9/10"), weightDecay: S.parse("1/10") },
        });
        if (!S.eq(plain.observedDrift[1]![0]!, heavy.observedDrift[1]![0]!)) moved++;
      }),
      { numRuns: 40 },
    );
    expect(moved).toBeGreaterThan(20);
  });

  it("should give −2ηλc_k + η²(…) for weight decay alone on a network with zero gradient", () => {
    // a zero-output net on zero targets: ∇L = 0, so u = λθ and c′ = (1 − ηλ)²c exactly
    const net: LayeredNetwork<Rational> = twoLayer({ activation: { kind: "relu" }, W1: [[S.parse("2")]], W2: [[S.zero]] });
    const data = { X: [[S.one]], Y: [[S.zero]] };
    const run = gradientDescent(net, data, S, { lr: S.parse("1/10"), steps: 1, loss: "mse", optimizer: { weightDecay: S.parse("1/2") } });
    // c = 4, (1 − 1/20)² · 4 − 4 = 361/100 − 4 = −39/100
    expect(text(run.observedDrift[0]![0]!)).toBe("-39/100");
    expect(text(run.predictedDrift[0]![0]!)).toBe("-39/100");
  });
});

describe("gradientDescent with Adam and AdamW", () => {
  it("should match the predicted one-step drift to working precision in decimal:50", () => {
    const D = decimal(50);
    fc.assert(
      fc.property(netAndData, fc.constantFrom("adam", "adamw"), fc.integer({ min: 1, max: 4 }), ({ net, data }, name, batchSize) => {
        const toD = (v: Rational) => D.fromRational(BigInt(v.s) * BigInt(v.n), BigInt(v.d));
        const netD = mapNetwork(net, toD);
        const dataD = { X: data.X.map((r) => r.map(toD)), Y: data.Y.map((r) => r.map(toD)) };
        const run = gradientDescent(netD, dataD, D, {
          lr: D.parse("1/100"),
          steps: 3,
          loss: "mse",
          batchSize,
          optimizer: { name, weightDecay: D.parse("1/10") },
        });
        run.observedDrift.forEach((row, t) => {
          row.forEach((v, k) => {
            const scale = D.one.plus(run.invariants[t]![k]!.abs());
            expect(v.minus(run.predictedDrift[t]![k]!).abs().lte(D.parse("1e-44").times(scale))).toBe(true);
          });
        });
      }),
      { numRuns: 40 },
    );
  });

  it("should take PyTorch's first Adam step: θ − η·sign(g) up to ε when every gradient entry is non-zero", () => {
    // one parameter pair: m̂ = g, v̂ = g², so the step is η·g/(|g| + ε)
    const net: LayeredNetwork<number> = twoLayer({ activation: { kind: "linear" }, W1: [[1]], W2: [[1]] });
    const run = gradientDescent(net, { X: [[1]], Y: [[0]] }, float, {
      lr: 0.1,
      steps: 1,
      loss: "mse",
      optimizer: { name: "adam", eps: 0 },
    });
    expect(run.params.layers[0]!.W[0]![0]).toBeCloseTo(0.9, 15);
    expect(run.params.layers[1]!.W[0]![0]).toBeCloseTo(0.9, 15);
  });

  it("should shrink θ by (1 − ηλ) before the step with AdamW and add λθ to g with Adam", () => {
    // zero gradient: Adam's g = λθ gives a full step η·sign(θ); AdamW only decays
    const net: LayeredNetwork<number> = twoLayer({ activation: { kind: "relu" }, W1: [[2]], W2: [[0]] });
    const data = { X: [[-1]], Y: [[0]] };
    const adamw = gradientDescent(net, data, float, { lr: 0.1, steps: 1, loss: "mse", optimizer: { name: "adamw", weightDecay: 0.5 } });
    expect(adamw.params.layers[0]!.W[0]![0]).toBe(2 * (1 - 0.05));
    const adam = gradientDescent(net, data, float, {
      lr: 0.1,
      steps: 1,
      loss: "mse",
      optimizer: { name: "adam", weightDecay: 0.5, eps: 0 },
    });
    expect(adam.params.layers[0]!.W[0]![0]).toBeCloseTo(1.9, 15);
  });
});

describe("optimizerSpec", () => {
  it("should refuse Adam and AdamW in exact arithmetic, naming the field", () => {
    for (const name of ["adam", "adamw"]) {
      const err = (() => {
        try {
          optimizerSpec(S, { name });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).message).toMatch(/^invalid optimizer\./);
    }
  });

  it("should refuse Nesterov without positive momentum and zero dampening, as PyTorch does", () => {
    expect(() => optimizerSpec(S, { nesterov: true })).toThrow(/invalid nesterov/);
    expect(() => optimizerSpec(S, { nesterov: true, momentum: S.one, dampening: S.parse("1/2") })).toThrow(/invalid nesterov/);
    expect(optimizerSpec(S, { nesterov: true, momentum: S.parse("1/2") })).toMatchObject({ name: "sgd", nesterov: true });
  });

  it("should refuse negative momentum or weight decay, β ∉ [0, 1) and hyper-parameters of the other family", () => {
    expect(() => optimizerSpec(S, { momentum: S.parse("-1") })).toThrow(/invalid momentum/);
    expect(() => optimizerSpec(S, { weightDecay: S.parse("-1") })).toThrow(/invalid weightDecay/);
    expect(() => optimizerSpec(float, { name: "adam", beta1: 1 })).toThrow(/invalid beta1/);
    expect(() => optimizerSpec(float, { name: "adam", momentum: 0.9 })).toThrow(/invalid momentum/);
    expect(() => optimizerSpec(S, { eps: S.one })).toThrow(/invalid eps/);
    expect(() => optimizerSpec(S, { name: "rmsprop" })).toThrow(/invalid optimizer/);
  });

  it("should fill PyTorch's defaults (AdamW decays by 1/100)", () => {
    expect(optimizerSpec(float, { name: "adamw" })).toEqual({
      name: "adamw",
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0.01,
      biasDecay: true,
    });
    expect(optimizerSpec(float, { name: "adam" }).weightDecay).toBe(0);
  });
});

describe("miniBatchRows", () => {
  it("should cut each epoch into ⌈n/B⌉ batches covering every row once, the last one smaller", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 13 }),
        fc.option(fc.nat(99), { nil: undefined }),
        fc.nat(3),
        (n, B, seed, epoch) => {
          const per = Math.ceil(n / B);
          const rows = Array.from({ length: per }, (_, j) => miniBatchRows(n, epoch * per + j, { batchSize: B, shuffleSeed: seed }));
          expect(rows.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
          rows.forEach((r, j) => {
            expect(r).toHaveLength(j + 1 < per ? B : n - B * (per - 1));
          });
          if (seed === undefined) expect(rows.flat()).toEqual(Array.from({ length: n }, (_, i) => i));
        },
      ),
    );
  });

  it("should give a fixed permutation per seed and epoch", () => {
    expect(miniBatchRows(6, 0, { batchSize: 6, shuffleSeed: 7 })).toEqual(miniBatchRows(6, 0, { batchSize: 6, shuffleSeed: 7 }));
    const epochs = Array.from({ length: 6 }, (_, e) => miniBatchRows(6, e, { batchSize: 6, shuffleSeed: 7 }).join());
    expect(new Set(epochs).size).toBeGreaterThan(1);
  });

  it("should refuse a batch size below 1", () => {
    expect(() => miniBatchRows(4, 0, { batchSize: 0 })).toThrow(/invalid batchSize/);
  });
});
