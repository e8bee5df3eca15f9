import type { BreastCancerConfig } from "./reproduceConfig.js";
import { defaultInit } from "./defaultInit.js";
import { floatInvariants } from "../net/kernels/floatInvariants.js";
import { floatKernel } from "../net/kernels/floatKernel.js";
import { paramLayout } from "../net/paramLayout.js";
import { rescaleToSign } from "./rescaleToSign.js";
import type { StandardisedSplit } from "./splitAndStandardise.js";
import { trainFloat } from "./trainFloat.js";

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
  const d = split.d;
  const [W1, W2] = L.weightOffset as [number, number];
  const [b1, b2] = L.biasOffset as [number, number];
  const init = defaultInit(L, `breast-cancer/run-seed=${runSeed}/l=${l}/seed=${seed}`);
  const naturallyPathological = Array.from(floatInvariants(init, L)).filter((c) => c < 0).length;
  const testKernel = floatKernel(L, "bce", split.test.n);
  const runs: BreastCancerRun[] = [];
  for (let lPlus = 0; lPlus <= l; lPlus++) {
    const p0 = Float64Array.from(init);
    for (let k = 0; k < l; k++) rescaleToSign(p0, L, k, k < lPlus ? config.ratio : 1 / config.ratio);
    const c0 = floatInvariants(p0, L);
    const sign0 = Array.from({ length: l }, (_, k) => Math.sign(p0[W2 + k]!));
    const changed = new Uint8Array(l);
    const c = new Float64Array(l);
    let drift = 0;
    const run = trainFloat(p0, L, split.train, {
      lr: config.lr,
      epochs: config.epochs,
      loss: "bce",
      recordEvery: config.recordEvery,
      onEpoch: (_t, p) => {
        floatInvariants(p, L, c);
        for (let k = 0; k < l; k++) {
          drift = Math.max(drift, Math.abs(c[k]! - c0[k]!));
          if (c0[k]! < 0 && Math.sign(p[W2 + k]!) !== sign0[k]) changed[k] = 1;
        }
      },
    });
    let correct = 0;
    const { X, Y, n } = split.test;
    for (let i = 0; i < n; i++) {
      let f = config.outputBias ? run.params[b2]! : 0;
      for (let k = 0; k < l; k++) {
        let z = config.hiddenBias ? run.params[b1 + k]! : 0;
        for (let m = 0; m < d; m++) z += run.params[W1 + k * d + m]! * X[i * d + m]!;
        if (z > 0) f += run.params[W2 + k]! * z;
      }
      if ((f > 0 ? 1 : 0) === Y[i]) correct++;
    }
    runs.push({
      l,
      lPlus,
      seed,
      testLoss: testKernel.loss(run.params, split.test),
      testAccuracy: correct / n,
      trainLoss0: run.losses[0]![1],
      trainLoss: run.losses.at(-1)![1],
      pathologicalSignChanges: changed.reduce((s, v) => s + v, 0),
      maxInvariantDrift: drift,
      curve: run.losses,
    });
  }
  return { l, seed, naturallyPathological, runs };
}
