import { InputError } from "../errors.js";
import type { Scalar } from "./scalar.js";
import { parseRational } from "./parseRational.js";

const PLAIN_DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** IEEE double arithmetic: the explicit fast path. */
export const float: Scalar<number> = {
  kind: "float",
  digits: undefined,
  name: "float",
  zero: 0,
  one: 1,
  parse(text) {
    // A decimal literal is rounded once, correctly, by Number(); a fraction
    // is validated exactly first and then divided.
    const { num, den } = parseRational(text);
    return PLAIN_DECIMAL.test(text) ? Number(text) : Number(num) / Number(den);
  },
  fromRational: (num, den) => Number(num) / Number(den),
  fromInt: (n) => Number(n),
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div(a, b) {
    if (b === 0) throw new InputError({ field: "divisor", expected: "non-zero", value: "0" });
    return a / b;
  },
  neg: (a) => -a,
  abs: (a) => Math.abs(a),
  sign: (a) => (a > 0 ? 1 : a < 0 ? -1 : 0),
  cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  eq: (a, b) => a === b,
  exp: (a) => Math.exp(a),
  ln(a) {
    if (!(a > 0)) throw new InputError({ field: "logarithm argument", expected: "positive", value: String(a) });
    return Math.log(a);
  },
  toString: (a) => String(a),
  toNumber: (a) => a,
};
