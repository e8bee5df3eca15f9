import type { LayeredNetwork } from "./layeredNetwork.js";
import type { Network } from "./network.js";
import { paramLayout, type ParamLayout } from "./paramLayout.js";

/**
 * The layout of a network, two-layer or layered (widths read from its matrices).
 *
 * @example layoutOf({ activation: { kind: "relu" }, W1: [[1, 2]], b1: [0], W2: [[3]] }).size // returns 4
 */
export function layoutOf<T>(net: Network<T> | LayeredNetwork<T>): ParamLayout {
  const layers =
    "layers" in net
      ? net.layers
      : [
          { W: net.W1, b: net.b1 },
          { W: net.W2, b: net.b2 },
        ];
  const widths = [layers[0]?.W[0]?.length ?? 0, ...layers.map((layer) => layer.W.length)];
  return paramLayout(
    widths,
    layers.map((layer) => layer.b !== undefined),
    net.activation,
  );
}
