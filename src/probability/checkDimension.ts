import { InputError } from "../errors.js";
import { MAX_DIMENSION } from "./pathologicalProbability.js";

/** Validates a dimension (d_in or e) in [1, MAX_DIMENSION]. @throws InputError */
export function checkDimension(n: number, option: string): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_DIMENSION)
    throw new InputError({ field: option, expected: `an integer in [1, ${MAX_DIMENSION}]`, value: String(n) });
  return n;
}
