import type { Scalar } from "../scalar/scalar.js";
import { mapNetwork } from "./mapNetwork.js";
import type { Network } from "./network.js";

/** Converts a network of exact user text into arithmetic `S`. */
export function networkIn<T>(net: Network<string>, S: Scalar<T>): Network<T> {
  return mapNetwork(net, (text) => S.parse(text));
}
