import { breastCancerCell } from "../experiments/breastCancerCell.js";
import { breastCancerSplit } from "../experiments/breastCancerSplit.js";
import { convDigitsCell } from "../experiments/convDigitsCell.js";
import { deepCell } from "../experiments/deepCell.js";
import { optimizerBreastCancerCell } from "../experiments/optimizerBreastCancerCell.js";
import { optimizerToyCell } from "../experiments/optimizerToyCell.js";
import { probabilityCell } from "../experiments/probabilityCell.js";
import type { ReproduceConfig } from "../experiments/reproduceConfig.js";
import { toyFlow } from "../experiments/toyFlow.js";
import { toyGradientDescent } from "../experiments/toyGradientDescent.js";
import type { CellSpec } from "./planCells.js";

/**
 * Computes one cell. Deterministic in (config, spec): a cell does not depend on
 * which cells ran before it or in which process.
 *
 * @returns the cell's result, or null when a part it needs is not in this build
 * @internal
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
    case "optimizers-toy":
      return optimizerToyCell(config.optimizers, config.seed);
    case "optimizers-breast-cancer":
      return optimizerBreastCancerCell(config.optimizers, config.breastCancer, breastCancerSplit(config), config.seed, key.l, key.seed);
    case "deep":
      return deepCell(config.deep, breastCancerSplit(config), config.seed, key.seed);
    case "conv-digits":
      return convDigitsCell(config.convDigits, config.seed, key.arith);
  }
}
