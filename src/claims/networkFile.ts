import { activationName } from "../net/activationName.js";
import type { Network } from "../net/network.js";
import { exact } from "../scalar/exact.js";

/**
 * A network of exact text as the JSON file `relutopo gd`/`invariants` read:
 * activation first, then W1, b1?, W2, b2?, every entry in canonical exact text.
 */
export function networkFile(net: Network<string>): Record<string, unknown> {
  const canon = (v: string): string => exact.toString(exact.parse(v));
  const json: Record<string, unknown> = { activation: activationName(net.activation) };
  json.W1 = net.W1.map((r) => r.map(canon));
  if (net.b1) json.b1 = net.b1.map(canon);
  json.W2 = net.W2.map((r) => r.map(canon));
  if (net.b2) json.b2 = net.b2.map(canon);
  return json;
}
