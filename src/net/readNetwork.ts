import { readJson } from "../io/readJson.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { refuseOversizedNetwork } from "./_internals/refuseOversizedNetwork.js";
import { networkFromObject } from "./networkFromObject.js";

/** The most parameters a network file may hold: beyond it the exact and decimal paths could not train it anyway. */
export const MAX_NETWORK_PARAMETERS = 1_000_000;

/**
 * Parses network JSON text; numbers are read from their decimal text. A text
 * with more than {@link MAX_NETWORK_PARAMETERS} values is refused before it is parsed.
 *
 * @param text - the JSON text
 * @param what - the file name, for messages
 * @returns the validated network
 * @throws InputError naming the problem (malformed JSON, form, a value, too many parameters); ShapeError when sizes disagree
 * @example readNetwork('{"W1": [[1, 2]], "W2": [[3]]}').layers[0].W // returns [["1", "2"]]
 */
export function readNetwork(text: string, what = "network"): LayeredNetwork<string> {
  refuseOversizedNetwork(text, what);
  return networkFromObject(readJson(text, what));
}
