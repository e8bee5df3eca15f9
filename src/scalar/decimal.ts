import type { Decimal } from "decimal.js";
import { InputError } from "../errors.js";
import { decimalContext } from "./decimalContext.js";
import type { Scalar } from "./scalar.js";
import { parseRational } from "./parseRational.js";

/** A decimal.js value; its precision is that of the arithmetic that made it. */
export type DecimalValue = Decimal;

/** Precision limits accepted from users. */
export const MIN_DIGITS = 1;
export const MAX_DIGITS = 100_000;

/**
 * Decimal arithmetic at `digits` significant digits (decimal.js, round half
 * to even). The decimal.js constructor comes from {@link decimalContext}, so
 * precisions of different computations never interfere.
 *
 * @throws InputError when `digits` is not an integer in [1, 100000]
 * @example decimal(30).toString(decimal(30).parse("1/3")) // returns "0.333333333333333333333333333333"
 */
export function decimal(digits: number): Scalar<Decimal> {
  if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new InputError({
      field: "precision",
      expected: `an integer number of digits in [${MIN_DIGITS}, ${MAX_DIGITS}]`,
      value: String(digits),
    });
  }
  const D = decimalContext(digits);
  const zero = new D(0);
  const one = new D(1);
  const fromRational = (num: bigint, den: bigint): Decimal =>
    den === 1n ? new D(num.toString()).toSignificantDigits(digits) : new D(num.toString()).div(new D(den.toString()));
  return {
    kind: "decimal",
    digits,
    name: `decimal:${digits}`,
    zero,
    one,
    parse(text) {
      const { num, den } = parseRational(text);
      return fromRational(num, den);
    },
    fromRational,
    fromInt: (n) => new D(n.toString()),
    add: (a, b) => a.plus(b),
    sub: (a, b) => a.minus(b),
    mul: (a, b) => a.times(b),
    div(a, b) {
      if (b.isZero()) throw new InputError({ field: "divisor", expected: "non-zero", value: "0" });
      return a.div(b);
    },
    neg: (a) => a.neg(),
    abs: (a) => a.abs(),
    sign: (a) => (a.isZero() ? 0 : a.isNeg() ? -1 : 1),
    cmp: (a, b) => a.cmp(b) as -1 | 0 | 1,
    eq: (a, b) => a.eq(b),
    exp: (a) => D.exp(a),
    ln(a) {
      if (!a.isPos()) throw new InputError({ field: "logarithm argument", expected: "positive", value: a.toString() });
      return D.ln(a);
    },
    toString: (a) => a.toString(),
    toNumber: (a) => a.toNumber(),
  };
}
