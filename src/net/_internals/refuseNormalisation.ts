import { fileFault } from "../../io/fileFault.js";
import { LINEAR_CHAIN } from "./chainLayers.js";

/** The keys only normalisation layers have: BatchNorm's running statistics and its counter. */
const NORMALISATION_KEY = /(^|\.)(running_mean|running_var|num_batches_tracked)$/;

/**
 * Refuses a state_dict with normalisation layers, whose output is not positively homogeneous
 * in its inputs, so no c is conserved through them.
 *
 * @param names - the state_dict's keys
 * @param oneDimensionalWeight - the key of a `*.weight` that is a vector (a LayerNorm's or BatchNorm's scale), if any
 * @internal
 */
export function refuseNormalisation(names: readonly string[], what: string, oneDimensionalWeight?: string): void {
  const key = names.find((n) => NORMALISATION_KEY.test(n)) ?? oneDimensionalWeight;
  if (key !== undefined)
    throw fileFault(
      "network",
      LINEAR_CHAIN,
      what,
      `\`${key}\` belongs to a normalisation layer; normalisation layers are not positively homogeneous in their inputs; relutopo reads linear chains`,
    );
}
