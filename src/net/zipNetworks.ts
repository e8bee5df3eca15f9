import type { Network } from "./network.js";

/** Combines two networks of the same layout parameter by parameter. */
export function zipNetworks<A, B, C>(p: Network<A>, q: Network<B>, fn: (a: A, b: B) => C): Network<C> {
  const zip = (xs: readonly A[], ys: readonly B[]): C[] => xs.map((x, i) => fn(x, ys[i]!));
  return {
    activation: p.activation,
    W1: p.W1.map((row, k) => zip(row, q.W1[k]!)),
    b1: p.b1 && q.b1 ? zip(p.b1, q.b1) : undefined,
    W2: p.W2.map((row, j) => zip(row, q.W2[j]!)),
    b2: p.b2 && q.b2 ? zip(p.b2, q.b2) : undefined,
  };
}
