import { forward } from "../net/forward.js";
import { at } from "../scalar/at.js";
import { floatInvariants } from "../net/kernels/floatInvariants.js";
import { floatKernel } from "../net/kernels/floatKernel.js";
import { paramLayout } from "../net/paramLayout.js";
import { unpackLayers } from "../net/unpackLayers.js";
import { float } from "../scalar/float.js";
import { floatDescent } from "./_internals/floatDescent.js";
import { defaultInit } from "./defaultInit.js";
import type { BreastCancerConfig } from "./reproduceConfig.js";
import { rescaleToSign } from "./rescaleToSign.js";
import type { StandardisedSplit } from "./splitAndStandardise.js";

/** One training run of the sweep: width l, l₊ non-pathological neurons at initialisation, one seed. */
export interface BreastCancerRun {
  l: number;
  lPlus: number;
  seed: number;
  /** BCE on the test split after training. */
  testLoss: number;
  testAccuracy: number;
  /** BCE on the training split before and after training. */
  trainLoss0: number;
  trainLoss: number;
  /** Pathological neurons (c_k < 0 at initialisation) whose output weight changed sign at some epoch. */
  pathologicalSignChanges: number;
  /** max over k and epochs of |c_k(t) − c_k(0)|: gradient descent's drift (the flow would have none). */
  maxInvariantDrift: number;
  /** Training loss every `recordEvery` epochs. */
  curve: [number, number][];
}

/** The runs of one (width, seed) cell: the same initial function with l₊ = 0 … l. */
export interface BreastCancerCell {
  l: number;
  seed: number;
  /** Neurons pathological at PyTorch's default initialisation, before any rescaling. */
  naturallyPathological: number;
  runs: BreastCancerRun[];
}

/**
 * Trains one (width l, seed) cell of the breast-cancer sweep: one initial
 * network, then for each l₊ = 0 … l the neurons 0 … l₊−1 rescaled to be
 * non-pathological and the others pathological (the function is the same for
 * every l₊: only the invariants c_k differ), each trained by full-batch GD on
 * BCE with logits. Deterministic in (runSeed, l, seed).
 *
 * @param config - the sweep's configuration
 * @param split - the standardised train/test split
 * @param runSeed - the run's seed
 * @param l - the width
 * @param seed - the seed within the sweep
 * @returns one run per l₊ = 0 … l, and how many neurons the default initialisation made pathological
 */
export function breastCancerCell(
  config: BreastCancerConfig,
  split: StandardisedSplit,
  runSeed: number,
  l: number,
  seed: number,
): BreastCancerCell {
  const L = paramLayout([split.d, l, 1], [config.hiddenBias, config.outputBias], { kind: "relu" });
  const init = defaultInit(L, `breast-cancer/run-seed=${runSeed}/l=${l}/seed=${seed}`);
  const naturallyPathological = Array.from(floatInvariants(init, L)).filter((c) => c < 0).length;
  const test = floatKernel(L, "bce", split.test);
  const runs: BreastCancerRun[] = [];
  for (let lPlus = 0; lPlus <= l; lPlus++) {
    const p0 = Float64Array.from(init);
    for (let k = 0; k < l; k++) rescaleToSign(p0, L, k, k < lPlus ? config.ratio : 1 / config.ratio);
    const run = floatDescent(p0, L, split.train, {
      lr: config.lr,
      epochs: config.epochs,
      loss: "bce",
      recordEvery: config.recordEvery,
    });
    const { F } = forward(unpackLayers(run.params, L), split.test.X, float);
    const correct = F.filter((f, i) => (at(f, 0) > 0 ? 1 : 0) === at(split.test.Y, i)[0]).length;
    runs.push({
      l,
      lPlus,
      seed,
      testLoss: test.loss(run.params),
      testAccuracy: correct / F.length,
      trainLoss0: at(run.curve, 0)[1],
      trainLoss: run.curve.at(-1)![1],
      pathologicalSignChanges: run.signChanged.filter((changed, k) => changed === 1 && at(run.c0, k) < 0).length,
      maxInvariantDrift: Math.max(0, ...run.maxDrift),
      curve: run.curve,
    });
  }
  return { l, seed, naturallyPathological, runs };
}
