import { InputError } from "../errors.js";
import type { LayeredNetwork } from "./layeredNetwork.js";

/**
 * Refuses a network with a LayerNorm where the forward pass is needed (gradient descent, the flows):
 * relutopo reads a LayerNorm's laws from a checkpoint but does not run one. A network without
 * LayerNorm passes.
 *
 * @param net - the network about to run
 * @throws InputError when a layer's `norm` is a LayerNorm
 * @example refuseLayerNormDynamics({ activation: { kind: "relu" }, layers: [{ W: [[1]], norm: { kind: "layer", gamma: [1], beta: [0], eps: 0 } }, { W: [[1]] }] })
 * // throws InputError "invalid net. Must be a network without LayerNorm for gd and flow (relutopo reads a LayerNorm's laws with invariants, inspect and track but does not run it). Value: `layers[0].norm`."
 */
export function refuseLayerNormDynamics(net: LayeredNetwork<unknown>): void {
  const l = net.layers.findIndex((layer) => layer.norm?.kind === "layer");
  if (l >= 0)
    throw new InputError({
      field: "net",
      expected:
        "a network without LayerNorm for gd and flow (relutopo reads a LayerNorm's laws with invariants, inspect and track but does not run it)",
      value: `layers[${l}].norm`,
    });
}
