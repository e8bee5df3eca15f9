import type { LayeredNetwork } from "./layeredNetwork.js";

/**
 * Applies `fn` to every parameter, keeping the layout (used to change arithmetic or to step): the
 * weights and biases, and a batch normalisation's γ, β and ε; convolutions, pooling and the input
 * shape are carried over as they are.
 *
 * @example mapNetwork({ activation: { kind: "relu" }, layers: [{ W: [[1]] }, { W: [[2]], b: [3] }] }, (v) => 2 * v).layers[1] // returns { W: [[4]], b: [6] }
 */
export function mapNetwork<A, B>(net: LayeredNetwork<A>, fn: (v: A) => B): LayeredNetwork<B> {
  const layers = net.layers.map(({ W, b, conv, norm, pool }) => ({
    // Array.from, not map: a float file's rows may be typed arrays, whose map would keep their element type
    W: W.map((row) => Array.from(row, fn)),
    b: b && Array.from(b, fn),
    ...(conv === undefined ? {} : { conv }),
    ...(norm === undefined
      ? {}
      : {
          norm: {
            ...(norm.kind === "layer" && { kind: norm.kind }),
            gamma: Array.from(norm.gamma, fn),
            beta: Array.from(norm.beta, fn),
            eps: fn(norm.eps),
          },
        }),
    ...(pool === undefined ? {} : { pool }),
  }));
  return net.input === undefined ? { activation: net.activation, layers } : { activation: net.activation, layers, input: net.input };
}
