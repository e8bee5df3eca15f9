import type { Network, NetworkShape } from "./network.js";

/** The shape of a (validated) network. */
export function networkShape<T>(net: Network<T>): NetworkShape {
  const l = net.W1.length;
  const d = net.W1[0]?.length ?? 0;
  return { d, l, e: net.W2.length, dIn: d + (net.b1 ? 1 : 0), hiddenBias: net.b1 !== undefined, outputBias: net.b2 !== undefined };
}
