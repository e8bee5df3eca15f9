import { InputError } from "../errors.js";

/** Sizes of the quadrics: d_in = fan-in of a hidden neuron (d + 1 with a hidden bias), e = outputs. */
export interface QuadricDims {
  dIn: number;
  e: number;
}

/**
 * Checks the sizes of the quadrics.
 *
 * @param dims - d_in (fan-in of a hidden neuron) and e (outputs)
 * @throws InputError unless d_in and e are positive integers
 * @example checkDims({ dIn: 3, e: 1 }) // returns undefined
 */
export function checkDims({ dIn, e }: QuadricDims): void {
  if (!Number.isSafeInteger(dIn) || dIn < 1) throw new InputError({ field: "dIn", expected: "a positive integer", value: String(dIn) });
  if (!Number.isSafeInteger(e) || e < 1) throw new InputError({ field: "e", expected: "a positive integer", value: String(e) });
}
