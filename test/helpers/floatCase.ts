import { mapNetwork } from "../../src/net/mapNetwork.js";
import { exact } from "../../src/scalar/exact.js";

/** The nearest double of an exact value drawn by the shared arbitraries. */
export const toFloat = (v: unknown): number => exact.toNumber(v as never);

/** An exact case of `netAndData` in float: the network, the rows, and the flat data a float kernel reads. */
export function floatCase(c: {
  net: Parameters<typeof mapNetwork>[0];
  data: { X: readonly (readonly unknown[])[]; Y: readonly (readonly unknown[])[] };
}) {
  const net = mapNetwork(c.net, toFloat);
  const X = c.data.X.map((r) => r.map(toFloat));
  const Y = c.data.Y.map((r) => r.map(toFloat));
  return { net, X, Y, flat: { n: X.length, X: Float64Array.from(X.flat()), Y: Float64Array.from(Y.flat()) } };
}
