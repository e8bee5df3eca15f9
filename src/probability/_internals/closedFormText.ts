/**
 * Prints closed-form parts as one readable exact expression in the syntax
 * algebrite reads (`sqrt`, `arctan`, `pi`), e.g. `2*arctan(sqrt(3)/2)/pi - 4*sqrt(3)/(7*pi)`.
 * @internal
 */
import type { ClosedFormParts } from "./closedFormParts.js";
import { isZero, type Rational } from "./rational.js";

/** |c|·symbol (symbol "" for none), divided by π when overPi. */
function magnitude(c: Rational, symbol: string, overPi: boolean): string {
  const n = c.num < 0n ? -c.num : c.num;
  const d = c.den;
  const numerator = symbol === "" ? n.toString() : n === 1n ? symbol : `${n}*${symbol}`;
  const denominator = overPi ? (d === 1n ? "pi" : `(${d}*pi)`) : d === 1n ? "" : d.toString();
  return denominator === "" ? numerator : `${numerator}/${denominator}`;
}

function sqrtSymbol(radicand: bigint): string {
  return radicand === 1n ? "" : `sqrt(${radicand})`;
}

/** `coef·√radicand` as text (for the argument of arctan). */
function scaledRoot(coef: Rational, radicand: bigint): string {
  const body = magnitude(coef, sqrtSymbol(radicand), false);
  return coef.num < 0n ? `-${body}` : body;
}

/** The expression of the parts. @internal */
export function closedFormText(parts: ClosedFormParts): string {
  const terms: Array<{ sign: 1 | -1; text: string }> = [];
  if (!isZero(parts.atanCoef)) {
    const arg = scaledRoot(parts.atanArgCoef, parts.atanRadicand);
    terms.push({ sign: parts.atanCoef.num < 0n ? -1 : 1, text: magnitude(parts.atanCoef, `arctan(${arg})`, true) });
  }
  if (!isZero(parts.constant)) terms.push({ sign: parts.constant.num < 0n ? -1 : 1, text: magnitude(parts.constant, "", false) });
  if (!isZero(parts.sqrtCoef)) {
    terms.push({ sign: parts.sqrtCoef.num < 0n ? -1 : 1, text: magnitude(parts.sqrtCoef, sqrtSymbol(parts.radicand), parts.sqrtOverPi) });
  }
  if (terms.length === 0) return "0";
  return terms.map((t, i) => (i === 0 ? (t.sign < 0 ? `-${t.text}` : t.text) : `${t.sign < 0 ? " - " : " + "}${t.text}`)).join("");
}
