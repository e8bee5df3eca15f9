import { tooLarge } from "./tooLarge.js";
import { MAX_NETWORK_PARAMETERS } from "../readNetwork.js";

/**
 * An upper bound of the values inside JSON arrays in `text` (numbers and
 * strings), found in one pass over the characters, so that a network far over
 * the limit is refused before its text is parsed into objects.
 */
function countArrayValues(text: string): number {
  let n = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 91 /* [ */) depth++;
    else if (ch === 93 /* ] */) depth--;
    else if (ch === 34 /* " */) {
      if (depth > 0) n++;
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
    } else if (depth > 0 && (ch === 45 || (ch >= 48 && ch <= 57))) {
      n++;
      while (i + 1 < text.length && /[0-9.eE+-]/.test(text.charAt(i + 1))) i++;
    }
  }
  return n;
}

/**
 * Refuses network JSON text with more than {@link MAX_NETWORK_PARAMETERS} array values, before
 * it is parsed into objects (every network form reads through this).
 *
 * @internal
 */
export function refuseOversizedNetwork(text: string, what: string): void {
  const values = countArrayValues(text);
  if (values > MAX_NETWORK_PARAMETERS) throw tooLarge(`${what}: ${values} values`);
}
