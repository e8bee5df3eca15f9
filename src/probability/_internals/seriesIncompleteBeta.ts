/**
 * I_x(a, b) for half-integer a, b by its power series, at any precision,
 * with a proven stopping rule (used as the independent second method next
 * to the closed forms):
 *
 *   I_x(a, b) = x^a (1−x)^b / (a B(a, b)) · Σ_{n≥0} t_n,  t_0 = 1,
 *   t_{n+1} = t_n · r_n,  r_n = x (a+b+n)/(a+1+n).
 *
 * All t_n are positive and r_n is monotone in n with limit x, so after
 * term N the tail is at most t_N · r̄/(1 − r̄) with r̄ = max(r_N, x) < 1;
 * summation stops once that is below 10^−W of the sum. Rounding is bounded
 * by one ulp per operation: the sum carries at most (3N + 3) ulps of
 * relative error and the prefactor about 20. The working precision W is
 * raised until the total, relative to min(I, 1 − I), is below 10^−tolDigits.
 * @internal
 */
import type { Decimal } from "decimal.js";
import type { HighPrecision } from "./evaluateParts.js";
import { numerator, rational } from "../../scalar/bigintMath.js";
import { decimalContext, type DecimalCtor } from "../../scalar/decimalContext.js";
import type { Rational } from "../../scalar/exact.js";
import { piFixed10 } from "../../scalar/fixedPoint.js";
import { log10Abs, ratToDecimal } from "./decimalFormat.js";
import { betaHalf } from "./halfInteger.js";

/** x^(K/2) for rational x. */
function halfPower(D: DecimalCtor, x: Rational, K: number): Decimal {
  const xd = ratToDecimal(D, x);
  const whole = xd.pow(Math.floor(K / 2));
  return K % 2 === 0 ? whole : whole.times(xd.sqrt());
}

/** Direct series for I_x(A/2, B/2); returns the value and a bound on its relative error (log10). */
function seriesAt(D: DecimalCtor, x: Rational, A: number, B: number): { value: Decimal; logRelError: number; terms: number } {
  const xd = ratToDecimal(D, x);
  const xf = ratToDecimal(decimalContext(20), x).toNumber();
  const W = D.precision;
  const limit = new D(10).pow(-W);
  let t = new D(1);
  let sum = new D(1);
  let n = 0;
  for (;;) {
    // r_n = x (A+B+2n)/(A+2+2n); the float copy only decides when to stop, with a small safety factor
    const rn = (xf * (A + B + 2 * n)) / (A + 2 + 2 * n);
    const rbar = Math.max(rn, xf) * (1 + 1e-12);
    if (rbar < 1) {
      const tail = t.times(rbar / (1 - rbar));
      if (tail.lte(sum.times(limit))) break;
    }
    t = t
      .times(xd)
      .times(A + B + 2 * n)
      .div(A + 2 + 2 * n);
    sum = sum.plus(t);
    n++;
  }
  const { ratio, piPower } = betaHalf(A, B);
  let prefactor = halfPower(D, x, A)
    .times(halfPower(D, rational(1).sub(x), B))
    .div(ratToDecimal(D, ratio).times(A).div(2));
  // π from Machin's formula in BigInt: decimal.js's own π stops at about 1025 digits
  if (piPower === 1) prefactor = prefactor.div(new D(`${piFixed10(W + 5)}e-${W + 5}`));
  const logRelError = Math.log10(3 * n + 3 + 20 + 1) + 1 - W;
  return { value: prefactor.times(sum), logRelError, terms: n };
}

/**
 * I_x(A/2, B/2) and its complement to relative accuracy 10^−tolDigits.
 * `direct` sums the series at x itself; otherwise x > 1/2 goes through
 * I_x(a, b) = 1 − I_{1−x}(b, a) so the series converges at least like 2^−n.
 * @internal
 */
export function seriesIncompleteBeta(
  x: Rational,
  A: number,
  B: number,
  tolDigits: number,
  direct = false,
): HighPrecision & { terms: number } {
  const flip = !direct && 2n * numerator(x) > x.d;
  const xs = flip ? rational(1).sub(x) : x;
  const [As, Bs] = flip ? [B, A] : [A, B];
  let W = tolDigits + 5;
  for (;;) {
    const D = decimalContext(W);
    const { value: s, logRelError, terms } = seriesAt(D, xs, As, Bs);
    const c = new D(1).minus(s);
    const [value, oneMinus] = flip ? [c, s] : [s, c];
    // absolute error ≤ s·10^logRelError (+ one ulp for 1 − s)
    const logAbs = log10Abs(s) + logRelError + Math.log10(2);
    const smaller = Math.min(log10Abs(value), log10Abs(oneMinus));
    const positive = value.isPos() && oneMinus.isPos();
    if (positive && logAbs <= smaller - tolDigits) return { value, oneMinus, precision: W, terms };
    W = positive ? Math.max(W + 5, Math.ceil(W + logAbs - smaller + tolDigits) + 3) : 2 * W;
  }
}
