import type { Network } from "./network.js";
import type { LayeredNetwork } from "./layeredNetwork.js";

/**
 * The layers of a two-layer network: `[{ W: W1, b: b1 }, { W: W2, b: b2 }]` (the arrays are shared, not copied).
 *
 * @example toLayered({ activation: { kind: "relu" }, W1: [[1]], W2: [[2]] }).layers.length // returns 2
 */
export function toLayered<T>(net: Network<T>): LayeredNetwork<T> {
  return {
    activation: net.activation,
    layers: [
      { W: net.W1, b: net.b1 },
      { W: net.W2, b: net.b2 },
    ],
  };
}
