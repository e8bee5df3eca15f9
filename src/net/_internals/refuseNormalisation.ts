import { fileFault } from "../../io/fileFault.js";
import { LINEAR_CHAIN } from "./chainLayers.js";

/**
 * Refuses a BatchNorm without its affine γ and β (`affine=False`), which leaves nothing to pair a
 * channel with. BatchNorm1d/2d with running statistics and affine=True is read; a module without
 * running statistics is a LayerNorm's (`layerNormOf`).
 *
 * @param key - the module's weight (or first) tensor, `bn.weight`
 * @internal
 */
export function refuseNormalisation(key: string, what: string): never {
  throw fileFault(
    "network",
    LINEAR_CHAIN,
    what,
    `\`${key.replace(/\.weight$/, "")}\` is a BatchNorm without affine weight and bias (affine=False), which is not supported: relutopo reads BatchNorm1d/2d with affine=True`,
  );
}
