import Fraction from "fraction.js";
import { InputError } from "../errors.js";
import type { Scalar } from "./scalar.js";
import { dyadicFraction } from "./dyadicFraction.js";
import { parseRational } from "./parseRational.js";
import { exponentOfPowerOfTwoText } from "./powersOfTwo.js";

/**
 * An exact rational (fraction.js on BigInt, always reduced; sign in `s`,
 * numerator `n` ≥ 0, denominator `d` > 0): the one rational type of the
 * library, used by the `exact` scalar, the laws and the probability closed
 * forms. Integer and rational helpers (gcd, lcm, isqrt, reconstruction…) are
 * in `bigintMath.ts`.
 */
export type Rational = Fraction;

/** A short integer numerator over an optional decimal denominator: the form `floatText` writes. */
const DYADIC = /^(-?)(\d{1,15})(?:\/(\d{1,400}))?$/;

const ZERO = new Fraction(0n, 1n);
const ONE = new Fraction(1n, 1n);

function noTranscendental(): never {
  throw new InputError({
    field: "arith",
    expected: "decimal:D or float for binary cross-entropy",
    value: "exact",
    note: "Binary cross-entropy needs exp and log, and exact arithmetic has no exp or log.",
  });
}

/** Exact rationals: every sign, equality and count decided without rounding. */
export const exact: Scalar<Rational> = {
  kind: "exact",
  digits: undefined,
  name: "exact",
  zero: ZERO,
  one: ONE,
  parse(text) {
    // Texts a weight file gives (an integer or m/2^k) skip the general parser and the gcd.
    const m = DYADIC.exec(text);
    if (m !== null) {
      const k = m[3] === undefined ? 0 : exponentOfPowerOfTwoText(m[3]);
      if (k !== undefined) return dyadicFraction(BigInt(`${m[1]}${m[2]}`), k);
    }
    const { num, den } = parseRational(text);
    return new Fraction(num, den);
  },
  fromRational: (num, den) => new Fraction(num, den),
  fromInt: (n) => new Fraction(BigInt(n), 1n),
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div(a, b) {
    if (b.n === 0n) throw new InputError({ field: "divisor", expected: "non-zero", value: "0" });
    return a.div(b);
  },
  neg: (a) => a.neg(),
  abs: (a) => a.abs(),
  sign: (a) => (a.n === 0n ? 0 : a.s < 0n ? -1 : 1),
  cmp: (a, b) => {
    const c = a.compare(b);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  },
  eq: (a, b) => a.equals(b),
  exp: noTranscendental,
  ln: noTranscendental,
  toString: (a) => a.toFraction(),
  toNumber: (a) => nearFloat(a),
};

/**
 * The float nearest a rational (within an ulp), also when its numerator and denominator are each too
 * large for a float (a few exact steps of gradient descent make them thousands of bits long, and
 * fraction.js's own conversion gives ∞/∞ = NaN there): both are cut to a 64-bit quotient first.
 */
function nearFloat(a: Rational): number {
  const direct = a.valueOf();
  if (Number.isFinite(direct) && (direct !== 0 || a.n === 0n)) return direct;
  // q = n·2^k / d with about 64 significant bits, then q·2^−k
  const k = 64 - (a.n.toString(2).length - a.d.toString(2).length);
  const q = k >= 0 ? (a.n << BigInt(k)) / a.d : a.n / (a.d << BigInt(-k));
  // 2^−k in two factors, so that neither over- nor underflows on its own
  const v = Number(q) * 2 ** -Math.trunc(k / 2) * 2 ** -(k - Math.trunc(k / 2));
  return a.s < 0n ? -v : v;
}
