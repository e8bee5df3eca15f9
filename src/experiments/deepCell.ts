import { paramLayout } from "../net/paramLayout.js";
import { at } from "../scalar/at.js";
import { floatDescent } from "./_internals/floatDescent.js";
import { defaultInit } from "./defaultInit.js";
import type { DeepConfig } from "./reproduceConfig.js";
import type { StandardisedSplit } from "./splitAndStandardise.js";

/** One seed of the deep experiment: the last hidden layer at initialisation and through training. */
export interface DeepCell {
  seed: number;
  /** c of every neuron of the last hidden layer at initialisation. */
  c0: number[];
  /** Neurons of the last hidden layer with c < 0 at initialisation: their output weight is sign-locked under the flow. */
  locked: number;
  /** Of those, how many output weights changed sign at some epoch of gradient descent. */
  lockedSignChanges: number;
  /** Of the others (c ≥ 0), how many output weights changed sign at some epoch. */
  freeSignChanges: number;
  /** max over the last layer's neurons and epochs of |c(t) − c(0)|: gradient descent's drift. */
  maxInvariantDrift: number;
  /** BCE on the training split before and after training. */
  trainLoss0: number;
  trainLoss: number;
  /** Training loss every `recordEvery` epochs. */
  curve: [number, number][];
}

/**
 * One seed of the deep experiment: a 3-layer ReLU network d → h1 → h2 → 1 drawn
 * with PyTorch's default `nn.Linear` initialisation, trained by full-batch
 * gradient descent (float64) on the breast-cancer training split; records the
 * invariants c of the last hidden layer at initialisation and whether the
 * output weights of the sign-locked ones (c < 0) changed sign.
 *
 * @param config - the deep experiment's configuration
 * @param split - the standardised train/test split
 * @param runSeed - the run's seed
 * @param seed - the seed within the experiment
 * @returns the cell's counts, drift and loss curve
 */
export function deepCell(config: DeepConfig, split: StandardisedSplit, runSeed: number, seed: number): DeepCell {
  const [h1, h2] = config.hidden;
  const L = paramLayout([split.d, h1, h2, 1], [true, true, false], { kind: "relu" });
  const init = defaultInit(L, `deep/run-seed=${runSeed}/h=${h1},${h2}/seed=${seed}`);
  const run = floatDescent(init, L, split.train, {
    lr: config.lr,
    epochs: config.epochs,
    loss: "bce",
    recordEvery: config.recordEvery,
  });
  // The invariants list layer 1's neurons first, then layer 2's: the last layer is the tail.
  const c0 = run.c0.slice(h1);
  let locked = 0;
  let lockedSignChanges = 0;
  let freeSignChanges = 0;
  for (let k = 0; k < h2; k++) {
    if (at(c0, k) < 0) {
      locked++;
      lockedSignChanges += at(run.signChanged, k);
    } else freeSignChanges += at(run.signChanged, k);
  }
  return {
    seed,
    c0,
    locked,
    lockedSignChanges,
    freeSignChanges,
    maxInvariantDrift: Math.max(0, ...run.maxDrift.slice(h1)),
    trainLoss0: at(run.curve, 0)[1],
    trainLoss: run.curve.at(-1)![1],
    curve: run.curve,
  };
}
