import { floatKernel } from "../net/kernels/floatKernel.js";
import { at } from "../scalar/at.js";
import { paramLayout } from "../net/paramLayout.js";
import { seededRandom } from "../scalar/seededRandom.js";
import { optimizerRun } from "./_internals/optimizerRun.js";
import { defaultInit } from "./defaultInit.js";
import type { OptimizerRunResult } from "./optimizerToyCell.js";
import type { BreastCancerConfig, OptimizersConfig } from "./reproduceConfig.js";
import { rescaleToSign } from "./rescaleToSign.js";
import type { StandardisedSplit } from "./splitAndStandardise.js";

/** One (width, seed) of the optimiser comparison on breast cancer. */
export interface OptimizerBreastCancerCell {
  l: number;
  seed: number;
  /** One run per (optimiser, l₊) with l₊ = 0, 1 and l. */
  runs: OptimizerRunResult[];
}

/**
 * Trains one (width l, seed) of the optimiser comparison on breast cancer:
 * one network drawn with PyTorch's default initialisation, rescaled as in the
 * breast-cancer sweep so that l₊ = 0, 1 and l of its neurons have c_k > 0 and
 * the others c_k < 0 (the same function each time), then trained on BCE by
 * every optimiser for the same number of epochs, the mini-batch ones on the
 * same shuffled batches. Deterministic in (runSeed, l, seed).
 *
 * @param config - the comparison's configuration
 * @param bc - the breast-cancer sweep's configuration (ratio and biases)
 * @param split - the standardised train/test split
 * @param runSeed - the run's seed
 * @param l - the width
 * @param seed - the seed within the comparison
 * @returns one run per (optimiser, l₊)
 */
export function optimizerBreastCancerCell(
  config: OptimizersConfig,
  bc: BreastCancerConfig,
  split: StandardisedSplit,
  runSeed: number,
  l: number,
  seed: number,
): OptimizerBreastCancerCell {
  const L = paramLayout([split.d, l, 1], [bc.hiddenBias, bc.outputBias], { kind: "relu" });
  const key = `optimizers/run-seed=${runSeed}/l=${l}/seed=${seed}`;
  const init = defaultInit(L, key);
  const shuffleSeed = seededRandom(`${key}/shuffle`).int(2 ** 31);
  const testKernel = floatKernel(L, "bce", split.test);
  const runs: OptimizerRunResult[] = [];
  for (const opt of config.optimizers) {
    for (const lPlus of [...new Set([0, 1, l])]) {
      const p0 = Float64Array.from(init);
      for (let k = 0; k < l; k++) rescaleToSign(p0, L, k, k < lPlus ? bc.ratio : 1 / bc.ratio);
      const tracked = optimizerRun(p0, L, split.train, opt, {
        epochs: config.epochs,
        batchSize: config.batchSize,
        shuffleSeed,
        loss: "bce",
        recordEvery: 0,
      });
      runs.push({
        optimizer: opt.label,
        lPlus,
        c0: tracked.c0,
        cT: tracked.cT,
        signChanged: tracked.signChanged,
        trainLoss0: at(tracked.curve, 0)[1],
        trainLoss: tracked.curve.at(-1)![1],
        testLoss: testKernel.loss(tracked.params),
        curve: tracked.curve,
      });
    }
  }
  return { l, seed, runs };
}
