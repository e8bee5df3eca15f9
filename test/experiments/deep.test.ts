import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layeredLossAndGradient, trainLayeredFloat } from "../../src/experiments/_internals/trainLayeredFloat.js";
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

describe("the deep experiment's float trainer", () => {
  it("should take the steps of gradientDescent in float on three-layer ReLU networks with BCE", () => {
    fc.assert(
      fc.property(deepCase, fc.integer({ min: 1, max: 6 }), ({ L, theta, X, Y }, steps) => {
        const net = unpackLayers(theta, L);
        const ref = gradientDescent(net, { X, Y }, float, { lr: 1 / 8, steps, loss: "bce" });
        const data = { n: X.length, X: Float64Array.from(X.flat()), Y: Float64Array.from(Y.flat()) };
        const run = trainLayeredFloat(Float64Array.from(theta), L, data, { lr: 1 / 8, epochs: steps, recordEvery: 1 });
        const refFlat = packNetwork(ref.params);
        for (const [q, v] of refFlat.entries()) expect(Math.abs(run.params[q]! - v)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v)));
        for (const [t, loss] of ref.losses.entries())
          expect(Math.abs(run.losses[t]![1] - loss)).toBeLessThanOrEqual(1e-12 * Math.max(1, loss));
        expect(layeredLossAndGradient(run.params, L, data)).toBeCloseTo(ref.losses.at(-1)!, 12);
      }),
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
      trainLayeredFloat(p0, L, split.train, {
        lr: config.deep.lr,
        epochs: config.deep.epochs,
        recordEvery: 0,
        onEpoch: (_t, p) => {
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
