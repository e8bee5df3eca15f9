import { InputError } from "../../errors.js";
import { MAX_NETWORK_PARAMETERS } from "../readNetwork.js";

/**
 * The error for a network of more than {@link MAX_NETWORK_PARAMETERS} parameters.
 *
 * @param value - what was counted, for the message
 * @returns the error to throw
 * @internal
 */
export function tooLarge(value: string): InputError {
  return new InputError({ field: "net", expected: `a network of at most ${MAX_NETWORK_PARAMETERS} parameters`, value });
}
