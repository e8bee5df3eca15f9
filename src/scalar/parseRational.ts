import { InputError } from "../errors.js";

/** A rational as a pair of BigInts with `den > 0` (not necessarily reduced). */
export interface RationalParts {
  num: bigint;
  den: bigint;
}

const DECIMAL = /^([+-]?)(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Largest exponent accepted, so that "1e999999999" cannot exhaust memory. */
const MAX_EXPONENT = 100_000;

function parseDecimalLiteral(text: string, original: string): RationalParts {
  const m = DECIMAL.exec(text);
  if (m === null || (m[2] === undefined && (m[3] === undefined || m[3] === ""))) {
    throw new InputError({
      field: "number",
      expected: "an integer, a decimal like -0.125 or 1e-3, or a fraction like 3/4",
      value: original,
    });
  }
  const [, sign, intPart = "", fracPart = "", expPart = "0"] = m;
  const exponent = Number(expPart) - fracPart.length;
  if (Math.abs(Number(expPart)) > MAX_EXPONENT) {
    throw new InputError({ field: "number", expected: `a number whose exponent is at most ${MAX_EXPONENT} in size`, value: original });
  }
  let num = BigInt((intPart + fracPart).replace(/^0+(?=\d)/, "") || "0");
  if (sign === "-") num = -num;
  return exponent >= 0 ? { num: num * 10n ** BigInt(exponent), den: 1n } : { num, den: 10n ** BigInt(-exponent) };
}

/**
 * Parses a user number exactly: an integer ("7"), a decimal or scientific
 * literal ("-0.125", "1e-3"), or a fraction of two such ("3/4", "1.5/2").
 *
 * @param text - the number as the user wrote it
 * @returns numerator and positive denominator
 * @throws InputError when the text is not such a number or the denominator is 0
 * @example parseRational("-0.125") // returns { num: -125n, den: 1000n }
 */
export function parseRational(text: string): RationalParts {
  // ASCII white space only: String.prototype.trim would also drop a no-break space, reading "1\u00a0" as 1
  const trimmed = asciiTrim(text);
  const slash = trimmed.indexOf("/");
  if (slash < 0) return parseDecimalLiteral(trimmed, text);
  const top = parseDecimalLiteral(asciiTrim(trimmed.slice(0, slash)), text);
  const bottom = parseDecimalLiteral(asciiTrim(trimmed.slice(slash + 1)), text);
  if (bottom.num === 0n) throw new InputError({ field: "number", expected: "a fraction with a non-zero denominator", value: text });
  const num = top.num * bottom.den;
  const den = top.den * bottom.num;
  return den < 0n ? { num: -num, den: -den } : { num, den };
}

function asciiTrim(text: string): string {
  return text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, "");
}
