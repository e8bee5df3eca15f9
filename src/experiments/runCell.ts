import { breastCancerCell } from "./breastCancerCell.js";
import { readBreastCancer } from "./readBreastCancer.js";
import { splitAndStandardise, type StandardisedSplit } from "./splitAndStandardise.js";
import type { CellSpec } from "./planCells.js";
import { probabilityCell } from "./probabilityCell.js";
import type { ReproduceConfig } from "./reproduceConfig.js";
import { toyFlow } from "./toyFlow.js";
import { toyGradientDescent } from "./toyGradientDescent.js";

let cachedSplit: { key: string; split: StandardisedSplit } | undefined;

/** The seeded train/test split of a run (one per run seed), kept for the life of the process or worker. */
export function breastCancerSplit(config: ReproduceConfig): StandardisedSplit {
  const key = `breast-cancer/split/run-seed=${config.seed}/test=${config.breastCancer.testFraction}`;
  if (cachedSplit?.key !== key) cachedSplit = { key, split: splitAndStandardise(readBreastCancer(), key, config.breastCancer.testFraction) };
  return cachedSplit.split;
}

/**
 * Computes one cell. Deterministic in (config, spec): a cell does not depend on
 * which cells ran before it or in which process.
 *
 * @returns the cell's result, or null when a part it needs is not in this build
 */
export async function runCell(spec: CellSpec, config: ReproduceConfig): Promise<unknown> {
  const key = spec.key;
  switch (key.kind) {
    case "toy-gd":
      return toyGradientDescent(config.toy, key.start);
    case "toy-flow":
      return toyFlow(config.toy, key.start);
    case "breast-cancer":
      return breastCancerCell(config.breastCancer, breastCancerSplit(config), config.seed, key.l, key.seed);
    case "probability":
      return probabilityCell(config.probability, key.scheme);
  }
}
