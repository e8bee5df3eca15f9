import { readBreastCancer } from "./readBreastCancer.js";
import { splitAndStandardise, type StandardisedSplit } from "./splitAndStandardise.js";
import type { ReproduceConfig } from "./reproduceConfig.js";

let cachedSplit: { key: string; split: StandardisedSplit } | undefined;

/**
 * The seeded train/test split of a run (one per run seed), kept for the life
 * of the process or worker: every breast-cancer cell and the report read it.
 *
 * @param config - the run's configuration (its seed and test fraction)
 * @returns the standardised split
 */
export function breastCancerSplit(config: ReproduceConfig): StandardisedSplit {
  const key = `breast-cancer/split/run-seed=${config.seed}/test=${config.breastCancer.testFraction}`;
  if (cachedSplit?.key !== key)
    cachedSplit = { key, split: splitAndStandardise(readBreastCancer(), key, config.breastCancer.testFraction) };
  return cachedSplit.split;
}
