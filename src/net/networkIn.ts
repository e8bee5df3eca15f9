import type { Scalar } from "../scalar/scalar.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { mapNetwork } from "./mapNetwork.js";

/**
 * Converts a network of exact user text (as every reader returns it) into arithmetic `S`:
 * the one way from a file to exact (or decimal, or float) numbers.
 *
 * @example networkIn(readNetwork('{"W1": [["1/2"]], "W2": [[3]]}'), exact).layers[0].W[0][0].toFraction() // returns "1/2"
 */
export function networkIn<T>(net: LayeredNetwork<string>, S: Scalar<T>): LayeredNetwork<T> {
  return mapNetwork(net, (text) => S.parse(text));
}
