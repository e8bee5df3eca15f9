import type { LayeredNetwork } from "./layeredNetwork.js";
import { paramLayout, type ParamLayout } from "./paramLayout.js";

/**
 * The layout of a network (widths read from its matrices).
 *
 * @example layoutOf({ activation: { kind: "relu" }, layers: [{ W: [[1, 2]], b: [0] }, { W: [[3]] }] }).size // returns 4
 */
export function layoutOf<T>(net: LayeredNetwork<T>): ParamLayout {
  const { layers } = net;
  const widths = [layers[0]?.W[0]?.length ?? 0, ...layers.map((layer) => layer.W.length)];
  return paramLayout(
    widths,
    layers.map((layer) => layer.b !== undefined),
    net.activation,
  );
}
