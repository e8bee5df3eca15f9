import type { RationalParts } from "../scalar/parseRational.js";
import { InputError } from "../errors.js";
import { closedFormParts, type ClosedFormParts } from "./_internals/closedFormParts.js";
import { closedFormTerms } from "./_internals/closedFormTerms.js";
import { closedFormText } from "./_internals/closedFormText.js";
import { formatDigits } from "./_internals/decimalFormat.js";
import { evaluateTerms } from "./_internals/evaluateParts.js";
import { twiceHalfInteger } from "./_internals/halfInteger.js";
import { GUARD_DIGITS } from "./incompleteBeta.js";
import { parseUnitInterval } from "./parseUnitInterval.js";
import { checkDigits } from "./checkDigits.js";

export type { ClosedFormParts } from "./_internals/closedFormParts.js";
// The template and B at half-integers, for proofs/incompleteBetaClosedForm.proof.ts (checked there with algebrite).
export { closedFormTemplate, type Polynomial } from "./_internals/closedFormTemplate.js";
export { betaHalf } from "./_internals/halfInteger.js";

/** The exact closed form of I_x(a, b) at half-integer a, b and rational x. */
export interface IncompleteBetaClosedForm {
  /** readable exact expression (algebrite syntax: sqrt, arctan, pi), e.g. `1 - sqrt(2)/2` */
  expression: string;
  /** the exact pieces the expression and the evaluation are both made from */
  parts: ClosedFormParts;
  /** the value to `digits` significant digits, proven by a rounding-error bound, rounded once */
  evaluate(digits: number): string;
}

/**
 * The closed form of the regularised incomplete beta function I_x(a, b) for
 * half-integer a, b and rational x in (0, 1): a finite sum with one square
 * root, plus an arctangent over π when 2a and 2b are both odd (docs/theory.md §5).
 *
 * @param x - a rational in (0, 1), as text or BigInt parts
 * @param a - a positive multiple of 1/2
 * @param b - a positive multiple of 1/2
 * @throws InputError for x outside (0, 1) or parameters that are not positive half-integers
 * @example incompleteBetaClosedForm("1/2", 1, "1/2").expression // returns "1 - sqrt(2)/2"
 */
export function incompleteBetaClosedForm(x: string | RationalParts, a: number | string, b: number | string): IncompleteBetaClosedForm {
  const A = twiceHalfInteger(a, "a");
  const B = twiceHalfInteger(b, "b");
  const xr = parseUnitInterval(x);
  if (xr.n === 0n || xr.n === xr.d)
    throw new InputError({ field: "x", expected: "strictly between 0 and 1 for the closed form", value: `${xr.n}/${xr.d}` });
  const parts = closedFormParts(xr, A, B);
  return {
    expression: closedFormText(parts),
    parts,
    evaluate: (digits) => formatDigits(evaluateTerms(closedFormTerms(xr, A, B), A, B, checkDigits(digits) + GUARD_DIGITS).value, digits),
  };
}
