import { InputError } from "../errors.js";
import { parseRational } from "../scalar/parseRational.js";
import { type Activation, ACTIVATION_NAMES } from "./activation.js";

/**
 * Parses `relu`, `leaky_relu:<slope>` (a rational slope such as 1/100), `abs` or `linear`.
 *
 * @throws InputError for any other name or a malformed slope
 * @example parseActivation("leaky_relu:1/10") // returns { kind: "leaky_relu", slope: "1/10" }
 */
export function parseActivation(text: string): Activation {
  if (text === "relu" || text === "abs" || text === "linear") return { kind: text };
  const m = /^leaky_relu:(.+)$/.exec(text);
  if (m !== null) {
    const slope = m[1]!.trim();
    parseRational(slope);
    return { kind: "leaky_relu", slope };
  }
  throw new InputError(`invalid activation. Must be ${ACTIVATION_NAMES}. Value: \`${text}\`.`);
}
