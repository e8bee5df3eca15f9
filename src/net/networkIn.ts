import type { Scalar } from "../scalar/scalar.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { mapNetwork } from "./mapNetwork.js";

/**
 * Converts a network of exact user text (as every reader returns it) into arithmetic `S`.
 *
 * @example const net = networkIn(readNetwork('{"W1": [[2, "1/4"]], "b1": ["1/4"], "W2": [["1/2"]]}'), exact);
 * neuronInvariants(net, exact).map(exact.toString) // returns ["31/8"]
 */
export function networkIn<T>(net: LayeredNetwork<string>, S: Scalar<T>): LayeredNetwork<T> {
  return mapNetwork(net, (text) => S.parse(text));
}
