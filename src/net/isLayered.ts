import type { Network } from "./network.js";
import type { LayeredNetwork } from "./layeredNetwork.js";

/** True for a depth-agnostic network, false for the two-layer `Network` form. */
export function isLayered<T>(net: Network<T> | LayeredNetwork<T>): net is LayeredNetwork<T> {
  return (net as LayeredNetwork<T>).layers !== undefined;
}
