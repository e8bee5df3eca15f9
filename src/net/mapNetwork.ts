import type { Network } from "./network.js";

/** Applies `fn` to every parameter, keeping the layout (used to change arithmetic or to step). */
export function mapNetwork<A, B>(net: Network<A>, fn: (v: A) => B): Network<B> {
  return {
    activation: net.activation,
    W1: net.W1.map((row) => row.map(fn)),
    b1: net.b1?.map(fn),
    W2: net.W2.map((row) => row.map(fn)),
    b2: net.b2?.map(fn),
  };
}
