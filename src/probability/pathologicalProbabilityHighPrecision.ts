import { rational } from "../scalar/bigintMath.js";
import type { Rational } from "../scalar/exact.js";
import { closedFormParts } from "./_internals/closedFormParts.js";
import { closedFormTerms } from "./_internals/closedFormTerms.js";
import { closedFormText } from "./_internals/closedFormText.js";
import { evaluateTerms, type HighPrecision } from "./_internals/evaluateParts.js";
import { GUARD_DIGITS } from "./incompleteBeta.js";

/**
 * p and 1 − p as high-precision decimals with relative error below
 * 10^−(digits + GUARD_DIGITS) each, with the closed-form parts. @internal
 */
export function pathologicalProbabilityHighPrecision(
  dIn: number,
  e: number,
  rho: Rational,
  digits: number,
): { hp: HighPrecision; expression: () => string } {
  // x = 1/(1 + ρ) = Q/(P + Q) for ρ = P/Q
  const x = rational(rho.d, rho.n + rho.d);
  const terms = closedFormTerms(x, dIn, e);
  return { hp: evaluateTerms(terms, dIn, e, digits + GUARD_DIGITS), expression: () => closedFormText(closedFormParts(x, dIn, e)) };
}
