import type { LayeredNetwork } from "./layeredNetwork.js";
import { packNetwork } from "./packNetwork.js";
import { hasSpatialLayers, tensorShapes } from "./_internals/tensorShapes.js";

/**
 * The multiply-adds of one forward pass of one data point: the parameter count of a fully connected
 * network, and for a network with convolutions the weights of its unrolled dense net (each kernel
 * entry once per output position it is applied at), which is what a fixed-point field or a Taylor
 * step pays per point. For work estimates.
 *
 * @throws InputError when a network with convolutions lacks its shapes (see `tensorShapes`)
 * @internal
 */
export function unrolledWeightCount(net: LayeredNetwork<unknown>): number {
  if (!hasSpatialLayers(net)) return packNetwork(net).length;
  return tensorShapes(net).reduce((sum, shape, l) => {
    const layer = net.layers[l];
    const rows = layer?.W.length ?? 0;
    const columns = layer?.W[0]?.length ?? 0;
    const positions = shape.conv?.outPositions ?? 1;
    return sum + positions * rows * (columns + 1);
  }, 0);
}
