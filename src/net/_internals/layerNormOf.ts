import { fileFault } from "../../io/fileFault.js";
import type { Layer } from "../layeredNetwork.js";
import { LINEAR_CHAIN } from "./chainLayers.js";

interface Tensor<T> {
  readonly shape: readonly number[];
  readonly values: readonly T[];
}

/**
 * The γ and β of a state_dict module without running statistics, read as a LayerNorm over the units of
 * the linear layer below it (PyTorch `LayerNorm(features)`, elementwise affine with a bias). Refused in
 * one line: a normalised shape of more than one dimension, a LayerNorm without its bias (`bias=False`),
 * one that follows a convolution or no layer at all (GroupNorm and InstanceNorm are normally there, and
 * they normalise over positions, which these laws do not cover), or a γ or β of the wrong length.
 * A GroupNorm after a linear layer stores the same two vectors and is read the same way; every law
 * relutopo reports for a LayerNorm (whole-layer scale, whole-layer shift, the affine per unit) holds for
 * it too, since its groups each shift and scale with the whole layer.
 *
 * @internal
 */
export function layerNormOf<T>(
  name: string,
  weight: Tensor<T> | undefined,
  bias: Tensor<T> | undefined,
  below: { readonly layer: Layer<unknown>; readonly names: { readonly weight: string } } | undefined,
  what: string,
): { gamma: T[]; beta: T[] } {
  const fault = (why: string) => fileFault("network", LINEAR_CHAIN, what, why);
  if (weight === undefined) throw fault(`\`${name}.bias\` has no \`${name}.weight\``);
  if (weight.shape.length !== 1)
    throw fault(
      `\`${name}.weight\` of shape [${weight.shape.join(", ")}] belongs to a LayerNorm over more than one dimension, which is not supported: relutopo reads LayerNorm(features) after a linear layer`,
    );
  if (bias === undefined)
    throw fault(
      `the LayerNorm \`${name}\` has no \`${name}.bias\` (bias=False), which is not supported: relutopo reads LayerNorm with its bias`,
    );
  if (below === undefined) throw fault(`the LayerNorm \`${name}\` comes before any layer (it must follow a linear one)`);
  if (below.layer.conv !== undefined)
    throw fault(
      `\`${name}.weight\` follows the convolution \`${below.names.weight}\` without running statistics (GroupNorm, InstanceNorm or LayerNorm), which is not supported: relutopo reads BatchNorm after a convolution and LayerNorm after a linear layer`,
    );
  if (below.layer.norm !== undefined) throw fault(`\`${below.names.weight}\` has two normalisations (the second is \`${name}\`)`);
  const units = below.layer.W.length;
  for (const [part, t] of [
    ["weight", weight],
    ["bias", bias],
  ] as const)
    if (t.shape.length !== 1 || t.shape[0] !== units)
      throw fault(
        `\`${name}.${part}\` has shape [${t.shape.join(", ")}], expected a vector of ${units}, one per unit of \`${below.names.weight}\``,
      );
  return { gamma: [...weight.values], beta: [...bias.values] };
}
