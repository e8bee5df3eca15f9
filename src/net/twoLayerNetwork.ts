import type { LayeredNetwork } from "./layeredNetwork.js";
import { isLayered } from "./isLayered.js";
import type { Network } from "./network.js";

/**
 * The two-layer form of a network with two weight layers, whichever form it was read in
 * (the arrays are shared, not copied), so that every command treats it alike.
 *
 * @param net - a two-layer network, or a layered network of any depth
 * @returns the network as W1, b1, W2, b2, or `undefined` when it has more than two weight layers
 * @example twoLayerNetwork({ activation: { kind: "relu" }, layers: [{ W: [[1]] }, { W: [[2]], b: [3] }] })?.b2 // returns [3]
 */
export function twoLayerNetwork<T>(net: Network<T> | LayeredNetwork<T>): Network<T> | undefined {
  if (!isLayered(net)) return net;
  if (net.layers.length !== 2) return undefined;
  const [first, second] = net.layers;
  return { activation: net.activation, W1: first!.W, b1: first!.b, W2: second!.W, b2: second!.b };
}
