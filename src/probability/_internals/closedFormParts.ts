/**
 * The closed form of I_x(A/2, B/2) for rational x = Q/S in (0, 1) (docs/theory.md §5).
 * With y = 1 − x = P/S:
 *
 * - B even (b = m integer): I_x(a, m) = x^a Σ_{k<m} (a)_k/k! y^k.
 * - A even, B odd (a = n integer): I_x(n, b) = 1 − y^b Σ_{k<n} (b)_k/k! x^k.
 * - A, B odd: from I_x(1/2, 1/2) = (2/π) arcsin √x = (2/π) arctan √(x/y) by the
 *   two recurrences I_x(a, b+1) = I_x(a, b) + x^a y^b/(b B(a, b)) and
 *   I_x(a+1, b) = I_x(a, b) − x^a y^b/(a B(a, b)); every added term is
 *   √(xy)/π times a rational, since B(1/2+k, 1/2+m) is π times a rational.
 *
 * Two forms: `closedFormTerms` (unreduced BigInt fractions, for fast
 * evaluation) and `closedFormParts` (reduced, square factors taken out of the
 * roots, special arctangents replaced by their value: for printing).
 * @internal
 */
import { rational, squareSplit } from "../../scalar/bigintMath.js";
import type { Rational } from "../../scalar/exact.js";
import { closedFormTerms } from "./closedFormTerms.js";

/**
 * I = constant + sqrtCoef·√radicand·(1/π if sqrtOverPi) + (arctan ? (2/π)·arctan √(atanQ/atanP) : 0),
 * the two coefficients as unreduced integer pairs (numerator, denominator > 0): reducing them would cost a gcd of
 * thousands of digits for nothing, since they are only ever divided once.
 * @internal
 */
export interface ClosedFormTerms {
  constant: readonly [numerator: bigint, denominator: bigint];
  sqrtCoef: readonly [numerator: bigint, denominator: bigint];
  radicand: bigint;
  sqrtOverPi: boolean;
  arctan: boolean;
  atanQ: bigint;
  atanP: bigint;
}

/** The reduced closed form, ready to print. */
export interface ClosedFormParts {
  /** twice the parameters: a = A/2, b = B/2 */
  A: number;
  B: number;
  /** x exactly */
  x: Rational;
  constant: Rational;
  sqrtCoef: Rational;
  /** an integer ≥ 1 with its small square factors taken out */
  radicand: bigint;
  sqrtOverPi: boolean;
  /** coefficient of arctan(atanArgCoef·√atanRadicand)/π (zero unless A and B are odd) */
  atanCoef: Rational;
  atanArgCoef: Rational;
  atanRadicand: bigint;
}

/** arctan(coef·√radicand) = fractionOfPi·π: the only such angles with rational tan² besides 0 and π/2. */
const RATIONAL_ARCTANS: ReadonlyArray<{ coef: Rational; radicand: bigint; fractionOfPi: Rational }> = [
  { coef: rational(1), radicand: 1n, fractionOfPi: rational(1, 4) },
  { coef: rational(1), radicand: 3n, fractionOfPi: rational(1, 3) },
  { coef: rational(1, 3), radicand: 3n, fractionOfPi: rational(1, 6) },
];

const ZERO = rational(0);

/** The reduced parts of I_x(A/2, B/2) for rational x in (0, 1). @internal */
export function closedFormParts(x: Rational, A: number, B: number): ClosedFormParts {
  const terms = closedFormTerms(x, A, B);
  let constant = rational(terms.constant[0], terms.constant[1]);
  let sqrtCoef = ZERO;
  let radicand = 1n;
  let atanCoef = ZERO;
  let atanArgCoef = ZERO;
  let atanRadicand = 1n;
  const coef = rational(terms.sqrtCoef[0], terms.sqrtCoef[1]);
  if (coef.n !== 0n) {
    const { outside, inside } = squareSplit(terms.radicand);
    sqrtCoef = coef.mul(outside);
    radicand = inside;
    if (inside === 1n && !terms.sqrtOverPi) {
      constant = constant.add(sqrtCoef);
      sqrtCoef = ZERO;
    }
  }
  if (terms.arctan) {
    // √(Q/P) = √(QP)/P
    const { outside, inside } = squareSplit(terms.atanQ * terms.atanP);
    const argCoef = rational(outside, terms.atanP);
    const special = RATIONAL_ARCTANS.find((s) => s.radicand === inside && s.coef.equals(argCoef));
    if (special) constant = constant.add(special.fractionOfPi.mul(2));
    else {
      atanCoef = rational(2);
      atanArgCoef = argCoef;
      atanRadicand = inside;
    }
  }
  return { A, B, x, constant, sqrtCoef, radicand, sqrtOverPi: terms.sqrtOverPi && sqrtCoef.n !== 0n, atanCoef, atanArgCoef, atanRadicand };
}
