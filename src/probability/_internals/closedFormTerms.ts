import { closedFormTemplate, evaluatePolynomial } from "./closedFormTemplate.js";
import { numerator } from "../../scalar/bigintMath.js";
import type { Rational } from "../../scalar/exact.js";
import type { ClosedFormTerms } from "./closedFormParts.js";

/** The closed form at x = Q/S as unreduced terms. @internal */
export function closedFormTerms(x: Rational, A: number, B: number): ClosedFormTerms {
  const Q = numerator(x);
  const S = x.d;
  const P = S - Q;
  const t = closedFormTemplate(A, B);
  const constant = evaluatePolynomial(t.constant, Q, P, S);
  const poly = evaluatePolynomial(t.sqrtPoly, Q, P, S);
  // √x = √(QS)/S, √y = √(PS)/S, √(xy) = √(PQ)/S
  const sqrtCoef = [poly[0], poly[1] * S] as const;
  const radicand = t.root === "x" ? Q * S : t.root === "y" ? P * S : t.root === "xy" ? P * Q : 1n;
  return {
    constant,
    sqrtCoef: t.root === "none" ? ([0n, 1n] as const) : sqrtCoef,
    radicand,
    sqrtOverPi: t.arctan,
    arctan: t.arctan,
    atanQ: Q,
    atanP: P,
  };
}
