import { InputError } from "../errors.js";
import { MAX_PROBABILITY_DIGITS } from "./probabilityLimits.js";

/** Validates a number of digits in [1, MAX_PROBABILITY_DIGITS]. @throws InputError */
export function checkDigits(digits: number): number {
  if (!Number.isInteger(digits) || digits < 1 || digits > MAX_PROBABILITY_DIGITS) {
    throw new InputError({ field: "digits", expected: `an integer in [1, ${MAX_PROBABILITY_DIGITS}]`, value: String(digits) });
  }
  return digits;
}
