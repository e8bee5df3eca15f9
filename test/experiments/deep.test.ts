import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breastCancerSplit } from "../../src/experiments/breastCancerSplit.js";
import { deepCell } from "../../src/experiments/deepCell.js";
import { deepSummary } from "../../src/experiments/deepSummary.js";
import { defaultInit } from "../../src/experiments/defaultInit.js";
import { reproduceConfig } from "../../src/experiments/reproduceConfig.js";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { layerInvariants } from "../../src/invariants/layerInvariants.js";
import { packNetwork } from "../../src/net/packNetwork.js";
import { paramLayout } from "../../src/net/paramLayout.js";
import { unpackLayers } from "../../src/net/unpackLayers.js";
import { wilsonInterval } from "../../src/probability/wilsonInterval.js";
import { exact } from "../../src/scalar/exact.js";
import { float } from "../../src/scalar/float.js";
import { lockedWeights } from "../../src/topology/lockedWeights.js";
import { floatKernel } from "../../src/net/kernels/floatKernel.js";

/** A small three-layer case: widths, biases, θ and BCE rows with 0/1 labels. */
const deepCase = fc
  .record({
    d: fc.integer({ min: 1, max: 3 }),
    h1: fc.integer({ min: 1, max: 3 }),
    h2: fc.integer({ min: 1, max: 3 }),
    bias: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
    n: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ d, h1, h2, bias, n }) => {
    const L = paramLayout([d, h1, h2, 1], bias, { kind: "relu" });
    const v = fc.double({ min: -2, max: 2, noNaN: true });
    return fc.record({
      L: fc.constant(L),
      theta: fc.array(v, { minLength: L.size, maxLength: L.size }),
      X: fc.array(fc.array(v, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
      Y: fc.array(
        fc.integer({ min: 0, max: 1 }).map((y) => [y]),
        { minLength: n, maxLength: n },
      ),
    });
  });

describe("gradientDescent with the float kernel (the experiments' trainer)", () => {
  it("should take the steps of the generic float gradientDescent on three-layer ReLU networks, every optimiser and batch", () => {
    // Adam divides by √v: where a gradient entry is 0 in one kernel and 1e−17 in the other (BCE's logistic
    // function is not computed alike), it steps by η in one run only. So Adam runs on mse, where the two
    // kernels' gradients are the same doubles, and BCE on SGD with and without momentum.
    const optimizers = [
      [{}, "bce"],
      [{ momentum: 0.9, nesterov: true }, "bce"],
      [{ weightDecay: 0.01 }, "mse"],
      [{ name: "adam" }, "mse"],
      [{ name: "adamw", weightDecay: 0.1 }, "mse"],
    ] as const;
    fc.assert(
      fc.property(
        deepCase,
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(...optimizers),
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        ({ L, theta, X, Y }, steps, [optimizer, loss], batchSize) => {
          const net = unpackLayers(theta, L);
          const options = { lr: 1 / 8, steps, loss, optimizer, ...(batchSize ? { batchSize, shuffleSeed: 7 } : {}) };
          const ref = gradientDescent(net, { X, Y }, float, options);
          const run = gradientDescent(net, { X, Y }, float, { ...options, kernel: floatKernel });
          const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
          const got = packNetwork(run.params);
          for (const [q, v] of packNetwork(ref.params).entries()) expect(close(got[q]!, v), `parameter ${q}: ${got[q]} vs ${v}`).toBe(true);
          for (const [t, v] of ref.losses.entries()) expect(close(run.losses[t]!, v), `loss ${t}`).toBe(true);
          for (const [t, row] of ref.invariants.entries())
            for (const [k, v] of row.entries()) expect(close(run.invariants[t]![k]!, v), `c_${k} at ${t}`).toBe(true);
          expect(run.batches).toEqual(ref.batches);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("deepSummary", () => {
  const config = reproduceConfig("tiny", 3, "deep");
  const split = breastCancerSplit(config);
  const cells = Array.from({ length: 6 }, (_, seed) => deepCell(config.deep, split, config.seed, seed));
  const summary = deepSummary(config.deep, cells);
  const [h1, h2] = config.deep.hidden;
  const L = paramLayout([split.d, h1, h2, 1], [true, true, false], { kind: "relu" });
  const inits = cells.map((_, seed) => defaultInit(L, `deep/run-seed=${config.seed}/h=${h1},${h2}/seed=${seed}`));

  it("should count the last hidden layer's pathological neurons as layerInvariants does, with their Wilson interval", () => {
    let direct = 0;
    for (const p of inits) direct += layerInvariants(unpackLayers(Array.from(p), L), float)[1]!.filter((c) => c < 0).length;
    expect(direct).toBeGreaterThan(0);
    expect(summary.neurons).toBe(cells.length * h2);
    expect(summary.pathological).toBe(direct);
    expect(summary.ci95).toEqual(wilsonInterval(direct, cells.length * h2, "0.95", 6));
    expect(Number(summary.fraction)).toBeCloseTo(direct / (cells.length * h2), 5);
    expect(summary.predicted.dIn).toBe(h1 + 1);
    expect(summary.results).toMatchObject({ lastLayer: { neurons: cells.length * h2, pathological: direct } });
  });

  it("should call locked exactly the output weights lockedWeights finds locked by a single last-layer neuron", () => {
    inits.forEach((p, seed) => {
      const net = unpackLayers(
        Array.from(p, (v) => exact.parse(v.toString())),
        L,
      );
      const locked = lockedWeights(net).filter((w) => w.layer === 3 && w.singleNeuron).length;
      expect(locked, `seed ${seed}`).toBe(cells[seed]!.locked);
    });
  });

  it("should count sign changes of output weights by replaying the training", () => {
    let lockedChanges = 0;
    let freeChanges = 0;
    inits.forEach((p0, seed) => {
      const a = L.weightOffset[2]!;
      const c0 = layerInvariants(unpackLayers(Array.from(p0), L), float)[1]!;
      const changed = new Set<number>();
      // The generic back-propagation, not the float kernel: an independent replay.
      gradientDescent(unpackLayers(p0, L), split.train, float, {
        lr: config.deep.lr,
        steps: config.deep.epochs,
        loss: "bce",
        onStep: (_t, p) => {
          for (let k = 0; k < h2; k++) if (Math.sign(p[a + k]!) !== Math.sign(p0[a + k]!)) changed.add(k);
        },
      });
      for (const k of changed)
        if (c0[k]! < 0) lockedChanges++;
        else freeChanges++;
      expect(cells[seed]!.c0).toEqual(c0);
    });
    expect(summary.lockedSignChanges).toBe(lockedChanges);
    expect(summary.freeSignChanges).toBe(freeChanges);
    expect(summary.lockedSignChanges).toBe(0);
  });
});
