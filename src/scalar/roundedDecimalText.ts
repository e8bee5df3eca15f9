import { scale10 } from "./bigintMath.js";

/**
 * Exponents from which the library's decimal notation turns exponential: a value d.ddd·10^e prints
 * as `d.ddde-30` for e ≤ −30 and as `d.ddde+60` for e ≥ 60, and plainly in between (the `toExpNeg`
 * and `toExpPos` of `decimalContext`'s "plain" notation).
 */
const EXP_NEG = -30;
const EXP_POS = 60;

const LOG10_2 = Math.log10(2);

function bitLength(v: bigint): number {
  return v.toString(16).length * 4;
}

/**
 * num/den rounded once, half to even, to `digits` significant digits, in BigInt: the signed
 * integer `q` of exactly `digits` digits (trailing zeros kept) and the exponent `e` of its leading
 * digit, so that the rounded value is q·10^(e − digits + 1). It is the value decimal.js's division
 * at `digits` gives (correctly rounded), made without a decimal.js number.
 *
 * @param num - numerator, non-zero, any sign
 * @param den - denominator, positive
 * @param digits - significant digits, an integer ≥ 1
 * @returns q and e (roundedDecimal(-2n, 3n, 5) is { q: -66667n, e: -1 })
 */
function roundedDecimal(num: bigint, den: bigint, digits: number): { q: bigint; e: number } {
  const n = num < 0n ? -num : num;
  const lo = scale10(digits - 1);
  const hi = scale10(digits);
  // e: the exponent of the leading digit, from the bit lengths (off by at most one), then corrected
  let e = Math.floor((bitLength(n) - bitLength(den)) * LOG10_2);
  let q: bigint;
  let r: bigint;
  let d: bigint;
  for (;;) {
    const s = digits - 1 - e;
    const top = s >= 0 ? n * scale10(s) : n;
    d = s >= 0 ? den : den * scale10(-s);
    q = top / d;
    r = top - q * d;
    if (q >= hi) e++;
    else if (q < lo) e--;
    else break;
  }
  const twice = 2n * r;
  if (twice > d || (twice === d && (q & 1n) === 1n)) q++;
  if (q === hi) {
    q = lo;
    e++;
  }
  return { q: num < 0n ? -q : q, e };
}

/**
 * The text of num/den rounded once, half to even, to `digits` significant digits, exactly as
 * decimal.js prints that rounding in the library's plain notation (`decimalContext(digits)`:
 * trailing zeros dropped, exponential below 10^−29 and from 10^60). Everything is BigInt: no
 * decimal.js number is made, which in a short process (one `relutopo flow`) saves the cold start of
 * its arithmetic.
 *
 * @param num - numerator, any sign
 * @param den - denominator, positive
 * @param digits - significant digits, an integer ≥ 1
 * @returns the decimal text ("0" for 0)
 * @example roundedDecimalText(-2n, 3n, 5) // returns "-0.66667"
 * @example roundedDecimalText(5n, 2n, 1) // returns "2" (half to even)
 * @internal
 */
export function roundedDecimalText(num: bigint, den: bigint, digits: number): string {
  if (num === 0n) return "0";
  const { q, e } = roundedDecimal(num, den, digits);
  const text = (q < 0n ? -q : q).toString().replace(/0+$/, "");
  return (q < 0n ? "-" : "") + notation(text, e);
}

/** Significant digits `text` (no trailing zeros) times 10^(e − its length + 1), as decimal.js's toString writes it. */
function notation(text: string, e: number): string {
  const len = text.length;
  if (e <= EXP_NEG || e >= EXP_POS) return `${text[0]}${len > 1 ? `.${text.slice(1)}` : ""}${e < 0 ? "e" : "e+"}${e}`;
  if (e < 0) return `0.${"0".repeat(-e - 1)}${text}`;
  if (e >= len) return text + "0".repeat(e + 1 - len);
  return e + 1 < len ? `${text.slice(0, e + 1)}.${text.slice(e + 1)}` : text;
}
