import { at } from "../scalar/at.js";
import type { LayeredNetwork } from "./layeredNetwork.js";

/** Combines two networks of the same layout parameter by parameter. */
export function zipNetworks<A, B, C>(p: LayeredNetwork<A>, q: LayeredNetwork<B>, fn: (a: A, b: B) => C): LayeredNetwork<C> {
  // The same layout: every index of p is one of q (a miss is a bug, and at() says so).
  const zip = (xs: readonly A[], ys: readonly B[]): C[] => xs.map((x, i) => fn(x, at(ys, i)));
  return {
    activation: p.activation,
    layers: p.layers.map(({ W, b }, l) => {
      const other = at(q.layers, l);
      return { W: W.map((row, r) => zip(row, at(other.W, r))), b: b && other.b ? zip(b, other.b) : undefined };
    }),
  };
}
