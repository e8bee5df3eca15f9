import type { LayeredNetwork } from "./layeredNetwork.js";
import { paramLayout, type ParamLayout } from "./paramLayout.js";

/**
 * The layout of a network (widths read from its matrices; for a network with convolutions, also the
 * columns of each W, its convolutions, pooling and input shape; with a batch normalisation, slots for its γ and β
 * and its ε).
 *
 * @example layoutOf({ activation: { kind: "relu" }, layers: [{ W: [[1, 2]], b: [0] }, { W: [[3]] }] }).size // returns 4
 */
export function layoutOf<T>(net: LayeredNetwork<T>): ParamLayout {
  const { layers } = net;
  const spatial = net.input !== undefined || layers.some((l) => l.conv !== undefined || l.pool !== undefined || l.norm !== undefined);
  const columns = layers.map((layer) => layer.W[0]?.length ?? 0);
  const first = layers[0];
  // a convolution's units are channels: the first one reads the input's channels
  const d =
    first?.conv === undefined
      ? (columns[0] ?? 0)
      : (net.input?.channels ?? ((columns[0] ?? 0) * first.conv.groups) / product(first.conv.kernel));
  const widths = [d, ...layers.map((layer) => layer.W.length)];
  const bias = layers.map((layer) => layer.b !== undefined);
  if (!spatial) return paramLayout(widths, bias, net.activation);
  return paramLayout(widths, bias, net.activation, {
    columns,
    layers: layers.map(({ conv, pool, norm }) => ({
      ...(conv === undefined ? {} : { conv }),
      ...(pool === undefined ? {} : { pool }),
      ...(norm === undefined ? {} : { norm: { eps: norm.eps } }),
    })),
    ...(net.input === undefined ? {} : { input: net.input }),
  });
}

function product(xs: readonly number[]): number {
  return xs.reduce((p, x) => p * x, 1);
}
