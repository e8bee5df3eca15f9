import type { Scalar } from "../scalar/scalar.js";
import { mapNetwork } from "./mapNetwork.js";
import type { Network } from "./network.js";

/**
 * Converts a network of exact user text into arithmetic `S`.
 *
 * @example const net = networkIn(readNetwork('{"W1": [[2, "1/4"]], "b1": ["1/4"], "W2": [["1/2"]]}'), exact);
 * neuronInvariants(net, exact).map(exact.toString) // returns ["31/8"]
 */
export function networkIn<T>(net: Network<string>, S: Scalar<T>): Network<T> {
  return mapNetwork(net, (text) => S.parse(text));
}
