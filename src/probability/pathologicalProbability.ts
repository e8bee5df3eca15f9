import { InputError } from "../errors.js";
import type { RationalParts } from "../scalar/parseRational.js";
import { parseRational } from "../scalar/parseRational.js";
import { numerator, rational } from "../scalar/bigintMath.js";
import type { Rational } from "../scalar/exact.js";
import { closedFormParts, closedFormTerms } from "./_internals/closedFormParts.js";
import { closedFormText } from "./_internals/closedFormText.js";
import { formatDigits } from "./_internals/decimalFormat.js";
import { evaluateTerms, type HighPrecision } from "./_internals/evaluateParts.js";
import { checkDigits, GUARD_DIGITS } from "./incompleteBeta.js";

/** Largest fan-in d_in and output dimension e accepted (the closed form is a sum of about d_in/2 terms). */
export const MAX_DIMENSION = 4096;

/** Options of {@link pathologicalProbability}. */
export interface PathologicalProbabilityOptions {
  /** significant digits (default 40) */
  digits?: number;
}

/** p to `digits` digits and its exact closed form. */
export interface PathologicalProbability {
  p: string;
  /** exact expression in ρ substituted (algebrite syntax), e.g. `1 - sqrt(2)/2` */
  closedForm: string;
}

/** Validates a dimension (d_in or e) in [1, MAX_DIMENSION]. @throws InputError */
export function checkDimension(n: number, option: string): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_DIMENSION)
    throw new InputError({ field: option, expected: `an integer in [1, ${MAX_DIMENSION}]`, value: String(n) });
  return n;
}

function positiveRatio(rho: string | RationalParts): Rational {
  const parts = typeof rho === "string" ? parseRational(rho) : rho;
  const r = rational(parts.num, parts.den);
  if (numerator(r) <= 0n)
    throw new InputError(`invalid rho. Must be a positive number. Value: \`${typeof rho === "string" ? rho : `${rho.num}/${rho.den}`}\`.`);
  return r;
}

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

/**
 * The probability that one hidden neuron is pathological at initialisation,
 * p = P(‖w‖² < ‖a‖²) = I_{1/(1+ρ)}(d_in/2, e/2) for w ~ N(0, σ_w² I_{d_in}),
 * a ~ N(0, σ_a² I_e), ρ = σ_w²/σ_a² (docs/theory.md §5), from its exact closed
 * form, to `digits` significant digits (proven by an error bound, rounded once).
 *
 * @param dIn - fan-in of the hidden neuron (input dimension, plus 1 with a hidden bias)
 * @param e - output dimension
 * @param rho - σ_w²/σ_a², an exact positive rational ("4/3", "0.5" or BigInt parts)
 * @throws InputError for dimensions outside [1, 4096], ρ ≤ 0 or bad digits
 * @example pathologicalProbability(2, 1, "1", { digits: 12 }) // returns { p: "0.292893218813", closedForm: "1 - sqrt(2)/2" }
 */
export function pathologicalProbability(
  dIn: number,
  e: number,
  rho: string | RationalParts,
  options: PathologicalProbabilityOptions = {},
): PathologicalProbability {
  const digits = checkDigits(options.digits ?? 40);
  const { hp, expression } = pathologicalProbabilityHighPrecision(
    checkDimension(dIn, "d_in"),
    checkDimension(e, "e"),
    positiveRatio(rho),
    digits,
  );
  return { p: formatDigits(hp.value, digits), closedForm: expression() };
}
