import type { LayeredNetwork } from "./layeredNetwork.js";

/** Combines two networks of the same layout parameter by parameter. */
export function zipNetworks<A, B, C>(p: LayeredNetwork<A>, q: LayeredNetwork<B>, fn: (a: A, b: B) => C): LayeredNetwork<C> {
  const zip = (xs: readonly A[], ys: readonly B[]): C[] => xs.map((x, i) => fn(x, ys[i]!));
  return {
    activation: p.activation,
    layers: p.layers.map(({ W, b }, l) => {
      const other = q.layers[l]!;
      return { W: W.map((row, r) => zip(row, other.W[r]!)), b: b && other.b ? zip(b, other.b) : undefined };
    }),
  };
}
