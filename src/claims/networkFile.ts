import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { networkIn } from "../net/networkIn.js";
import { networkToJson } from "../net/networkToJson.js";
import { exact } from "../scalar/exact.js";

/**
 * A network of exact text as the JSON file `relutopo gd`/`invariants` read:
 * activation first, then W1, b1?, W2, b2?, every entry in canonical exact text.
 */
export function networkFile(net: LayeredNetwork<string>): Record<string, unknown> {
  return networkToJson(networkIn(net, exact), exact, true);
}
