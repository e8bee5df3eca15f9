import { datasetIn } from "../net/datasetIn.js";
import { at } from "../scalar/at.js";
import { layoutOf } from "../net/layoutOf.js";
import { packNetwork } from "../net/packNetwork.js";
import { float } from "../scalar/float.js";
import { optimizerRun } from "./_internals/optimizerRun.js";
import { toyNetwork } from "./_internals/toyNetwork.js";
import type { OptimizersConfig } from "./reproduceConfig.js";
import { TOY_DATA, TOY_STARTS } from "./toyProblem.js";

/** One training of the optimiser comparison: which optimiser, from which start, and what it did to each neuron. */
export interface OptimizerRunResult {
  /** The optimiser's label (see `OptimizersConfig`). */
  optimizer: string;
  /** Neurons with c_k > 0 at the start (toy: 0 for the obstructed start, 2 for the good one). */
  lPlus: number;
  /** Every hidden neuron's c_k at the start and after training. */
  c0: number[];
  cT: number[];
  /** 1 for each neuron whose output weight changed sign at some step, else 0. */
  signChanged: number[];
  /** Training loss before and after training. */
  trainLoss0: number;
  trainLoss: number;
  /** Test loss after training (breast cancer; null on the toy problem, which has no test split). */
  testLoss: number | null;
  /** [epoch, training loss] every few epochs (toy) or first and last (breast cancer). */
  curve: [number, number][];
}

/** The toy problem's part of the optimiser comparison: every optimiser from both starts. */
export interface OptimizerToyCell {
  runs: OptimizerRunResult[];
}

/**
 * Trains the toy problem (two neurons, y = |x| at four points) from its
 * obstructed and its good start with every optimiser of the comparison, in
 * float: full-batch gradient descent for `toyEpochs` steps, the others on
 * shuffled mini-batches of `toyBatchSize` rows for as many epochs. The shuffle
 * is seeded by the run seed, so every optimiser sees the same batches.
 *
 * @param config - the comparison's configuration
 * @param runSeed - the run's seed
 * @returns one run per (optimiser, start), obstructed first
 * @example optimizerToyCell(reproduceConfig("tiny", 1, "optimizers").optimizers, 1).runs.length // returns 10
 */
export function optimizerToyCell(config: OptimizersConfig, runSeed: number): OptimizerToyCell {
  const data = datasetIn(TOY_DATA, float);
  const runs: OptimizerRunResult[] = [];
  for (const opt of config.optimizers) {
    for (const start of TOY_STARTS) {
      const net = toyNetwork(start, float);
      const tracked = optimizerRun(packNetwork(net), layoutOf(net), data, opt, {
        epochs: config.toyEpochs,
        batchSize: config.toyBatchSize,
        shuffleSeed: runSeed,
        loss: "mse",
        recordEvery: Math.max(1, Math.floor(config.toyEpochs / 100)),
      });
      runs.push({
        optimizer: opt.label,
        lPlus: tracked.c0.filter((c) => c > 0).length,
        c0: tracked.c0,
        cT: tracked.cT,
        signChanged: tracked.signChanged,
        trainLoss0: at(tracked.curve, 0)[1],
        trainLoss: tracked.curve.at(-1)![1],
        testLoss: null,
        curve: tracked.curve,
      });
    }
  }
  return { runs };
}
