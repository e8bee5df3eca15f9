import type { LayeredNetwork } from "./layeredNetwork.js";

/**
 * Applies `fn` to every parameter, keeping the layout (used to change arithmetic or to step).
 *
 * @example mapNetwork({ activation: { kind: "relu" }, layers: [{ W: [[1]] }, { W: [[2]], b: [3] }] }, (v) => 2 * v).layers[1] // returns { W: [[4]], b: [6] }
 */
export function mapNetwork<A, B>(net: LayeredNetwork<A>, fn: (v: A) => B): LayeredNetwork<B> {
  return { activation: net.activation, layers: net.layers.map(({ W, b }) => ({ W: W.map((row) => row.map(fn)), b: b?.map(fn) })) };
}
