import { fileFault } from "../../io/fileFault.js";
import { LINEAR_CHAIN } from "./chainLayers.js";

/**
 * Refuses a normalisation module relutopo cannot read: one without running statistics (LayerNorm,
 * GroupNorm, InstanceNorm with affine parameters, or a BatchNorm with `track_running_stats=False`,
 * which a state_dict cannot tell apart), or a BatchNorm without its affine γ and β (`affine=False`),
 * which leaves nothing to pair a channel with. BatchNorm1d/2d with running statistics is read.
 *
 * @param key - the module's weight (or first) tensor, `ln.weight`
 * @param kind - `layer` for a module without running statistics, `affine` for a BatchNorm without γ, β
 * @internal
 */
export function refuseNormalisation(key: string, what: string, kind: "layer" | "affine"): never {
  throw fileFault(
    "network",
    LINEAR_CHAIN,
    what,
    kind === "layer"
      ? `\`${key}\` belongs to a normalisation layer without running statistics (LayerNorm, GroupNorm or InstanceNorm); LayerNorm is not supported: relutopo reads BatchNorm1d/2d (with its running statistics) after a linear or convolutional layer`
      : `\`${key.replace(/\.weight$/, "")}\` is a BatchNorm without affine weight and bias (affine=False), which is not supported: relutopo reads BatchNorm1d/2d with affine=True`,
  );
}
