import { at } from "../scalar/at.js";
import type { LayeredNetwork } from "./layeredNetwork.js";

/**
 * Combines two networks of the same layout parameter by parameter: the weights and biases, and a
 * batch normalisation's γ, β and ε; convolutions, pooling and the input shape are carried over from `p`.
 */
export function zipNetworks<A, B, C>(p: LayeredNetwork<A>, q: LayeredNetwork<B>, fn: (a: A, b: B) => C): LayeredNetwork<C> {
  // The same layout: every index of p is one of q (a miss is a bug, and at() says so).
  const zip = (xs: readonly A[], ys: readonly B[]): C[] => xs.map((x, i) => fn(x, at(ys, i)));
  const layers = p.layers.map(({ W, b, conv, norm, pool }, l) => {
    const other = at(q.layers, l);
    const on = other.norm;
    return {
      W: W.map((row, r) => zip(row, at(other.W, r))),
      b: b && other.b ? zip(b, other.b) : undefined,
      ...(conv === undefined ? {} : { conv }),
      ...(norm === undefined || on === undefined
        ? {}
        : {
            norm: {
              ...(norm.kind === "layer" && { kind: norm.kind }),
              gamma: zip(norm.gamma, on.gamma),
              beta: zip(norm.beta, on.beta),
              eps: fn(norm.eps, on.eps),
            },
          }),
      ...(pool === undefined ? {} : { pool }),
    };
  });
  return p.input === undefined ? { activation: p.activation, layers } : { activation: p.activation, layers, input: p.input };
}
