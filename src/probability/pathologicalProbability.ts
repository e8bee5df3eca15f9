import { InputError } from "../errors.js";
import type { RationalParts } from "../scalar/parseRational.js";
import { parseRational } from "../scalar/parseRational.js";
import { numerator, rational } from "../scalar/bigintMath.js";
import type { Rational } from "../scalar/exact.js";
import { formatDigits } from "./_internals/decimalFormat.js";
import { checkDigits } from "./checkDigits.js";
import { checkDimension } from "./checkDimension.js";
import { pathologicalProbabilityHighPrecision } from "./pathologicalProbabilityHighPrecision.js";

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

function positiveRatio(rho: string | RationalParts): Rational {
  const parts = typeof rho === "string" ? parseRational(rho) : rho;
  const r = rational(parts.num, parts.den);
  if (numerator(r) <= 0n)
    throw new InputError({ field: "rho", expected: "a positive number", value: typeof rho === "string" ? rho : `${rho.num}/${rho.den}` });
  return r;
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
