/**
 * Prints closed-form parts as one readable exact expression in the syntax
 * algebrite reads (`sqrt`, `arctan`, `pi`), e.g. `2*arctan(sqrt(3)/2)/pi - 4*sqrt(3)/(7*pi)`.
 * @internal
 */
import type { ClosedFormParts } from "./closedFormParts.js";
import type { Rational } from "../../scalar/exact.js";

/** |c|·symbol (symbol "" for none), divided by π when overPi. */
function magnitude(c: Rational, symbol: string, overPi: boolean): string {
  const n = c.n;
  const d = c.d;
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
  return coef.s < 0n ? `-${body}` : body;
}

/** The expression of the parts. @internal */
export function closedFormText(parts: ClosedFormParts): string {
  const terms: Array<{ sign: 1 | -1; text: string }> = [];
  if (parts.atanCoef.n !== 0n) {
    const arg = scaledRoot(parts.atanArgCoef, parts.atanRadicand);
    terms.push({ sign: parts.atanCoef.s < 0n ? -1 : 1, text: magnitude(parts.atanCoef, `arctan(${arg})`, true) });
  }
  if (parts.constant.n !== 0n) terms.push({ sign: parts.constant.s < 0n ? -1 : 1, text: magnitude(parts.constant, "", false) });
  if (parts.sqrtCoef.n !== 0n) {
    terms.push({ sign: parts.sqrtCoef.s < 0n ? -1 : 1, text: magnitude(parts.sqrtCoef, sqrtSymbol(parts.radicand), parts.sqrtOverPi) });
  }
  if (terms.length === 0) return "0";
  return terms.map((t, i) => (i === 0 ? (t.sign < 0 ? `-${t.text}` : t.text) : `${t.sign < 0 ? " - " : " + "}${t.text}`)).join("");
}
