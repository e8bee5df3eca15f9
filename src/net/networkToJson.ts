import { activationName } from "./activationName.js";
import type { Scalar } from "../scalar/scalar.js";
import { mapNetwork } from "./mapNetwork.js";
import type { Network } from "./network.js";

/**
 * Prints every parameter in the canonical text of `S`: the `params` object of
 * JSON output, or, with `withActivation`, a network file other commands read.
 */
export function networkToJson<T>(net: Network<T>, S: Scalar<T>, withActivation = false): Record<string, unknown> {
  const out = mapNetwork(net, (v) => S.toString(v));
  const json: Record<string, unknown> = withActivation ? { activation: activationName(net.activation) } : {};
  json.W1 = out.W1;
  if (out.b1) json.b1 = out.b1;
  json.W2 = out.W2;
  if (out.b2) json.b2 = out.b2;
  return json;
}
