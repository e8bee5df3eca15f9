/**
 * Evaluates a closed form to a target relative accuracy, with a working
 * precision that an error bound proves sufficient: both I and 1 − I come out
 * with relative error below 10^−tolDigits, so downstream quantities that need
 * 1 − p (d_in = 1 splits, the binomial) keep every digit even when p is within
 * 10^−30 of 0 or 1.
 *
 * Evaluation is in decimal fixed point with F = W + 5 decimals (src/scalar/fixedPoint.ts;
 * more when F ≥ 45 000, see {@link extraDigits}):
 *   I = c0 + c1·√N (/π) + (2/π)·arctan √(Q/P),
 * with arctan √(Q/P) = (√(PQ)/S)·Σ c_n (Q/S)^n when Q ≤ P and π/2 minus the
 * same with P, Q swapped otherwise (Euler's series, ratio ≤ 1/2). Every term
 * is at most 3 in size, so each truncation costs at most |coefficient| ≤ 3
 * units; the series sum is at most 6.67·F + 8 units low (its floors
 * accumulate from term to term, `eulerArctanSum10`), scaled by √(PQ)/S ≤ 1/2
 * and 2/π: at most 2.12·F + 6 units. In all, the error is below 2.2·F + 16
 * units of 10^−F, i.e. below 10^−W. The result is accepted when
 * 10^−W ≤ 10^−tolDigits · min(I, 1 − I); otherwise W grows by the missing
 * digits and the evaluation is redone.
 *
 * The first W is predicted from I ≥ x^a y^b/(a B(a, b)) and
 * 1 − I ≥ x^a y^b/(b B(a, b)) (the first terms of the two positive series),
 * so that cancellation rarely needs a second pass.
 * @internal
 */
import { at } from "../../scalar/at.js";
import type { Decimal } from "decimal.js";
import type { ClosedFormTerms } from "./closedFormParts.js";
import { decimalContext } from "../../scalar/decimalContext.js";
import { scale10 } from "../../scalar/bigintMath.js";
import { eulerArctanSum10, piFixed10, sqrtFixed10 } from "../../scalar/fixedPoint.js";
import { log10Abs } from "./decimalFormat.js";

/** A value with its complement, both known to the requested relative accuracy. */
export interface HighPrecision {
  value: Decimal;
  oneMinus: Decimal;
  /** the working precision (significant digits) that proved the accuracy */
  precision: number;
  /** the same two numbers as integers ·10^F (absolute error below 10^−(F−5)), when known */
  fixed?: { value: bigint; oneMinus: bigint; F: number };
}

/**
 * num/den in (0, 1) and its complement, correctly rounded, with fixed-point
 * copies precise relative to the smaller of the two.
 * @internal
 */
export function rationalHighPrecision(num: bigint, den: bigint, tolDigits: number): HighPrecision {
  const W = tolDigits + 5;
  const D = decimalContext(W);
  const value = new D(num.toString()).div(den.toString());
  const oneMinus = new D((den - num).toString()).div(den.toString());
  // fixed point with enough decimals for the smaller of the two (truncation: one unit)
  const small = num < den - num ? num : den - num;
  const F = small <= 0n ? W + EXTRA : W + EXTRA + Math.max(0, Math.ceil(log10Big(den) - log10Big(small)));
  const scale = scale10(F);
  const fv = (num * scale) / den;
  return { value, oneMinus, precision: W, fixed: { value: fv, oneMinus: scale - fv, F } };
}

/** Extra fixed-point decimals beyond W for rational values (one floor: one unit). */
const EXTRA = 5;

/** Extra fixed-point decimals beyond W for the closed forms: the least e ≥ 5 with 10^e > 2.2·(W + e) + 16 (5 whenever W + 5 < 45 000). */
function extraDigits(W: number): number {
  let e = EXTRA;
  while (10 ** e <= 2.2 * (W + e) + 16) e++;
  return e;
}

/** The closed form ·10^F as an integer, within 2.2·F + 16 units. */
function evaluateFixed(t: ClosedFormTerms, F: number): bigint {
  const scale = scale10(F);
  let v = (t.constant[0] * scale) / t.constant[1];
  const root = t.radicand === 1n ? scale : sqrtFixed10(t.radicand, F);
  const pi = t.sqrtOverPi || t.arctan ? piFixed10(F) : 1n;
  if (t.sqrtCoef[0] !== 0n) {
    let t1 = (t.sqrtCoef[0] * root) / t.sqrtCoef[1];
    if (t.sqrtOverPi) t1 = (t1 * scale) / pi;
    v += t1;
  }
  if (t.arctan) {
    const Q = t.atanQ;
    const P = t.atanP;
    const S = P + Q;
    const rootPQ = t.radicand === P * Q ? root : sqrtFixed10(P * Q, F);
    // biome-ignore lint/complexity/useMathMinMax: Q and P are bigints, which Math.min does not take.
    const sum = eulerArctanSum10(Q <= P ? Q : P, S, F);
    let angle = (rootPQ * sum) / (scale * S);
    if (Q > P) angle = pi / 2n - angle;
    v += (2n * angle * scale) / pi;
  }
  return v;
}

/** log10 of a positive BigInt without overflowing a double. */
function log10Big(n: bigint): number {
  const s = n.toString();
  return s.length <= 300 ? Math.log10(Number(n)) : s.length - 1 + Math.log10(Number(s.slice(0, 17)) / 1e16);
}

// ln Γ(m/2) for m = 0, 1, 2, …: Γ(0) is a pole, Γ(1/2) = √π, Γ(1) = 1, then Γ(s + 1) = s Γ(s).
const lnGammaHalfCache: number[] = [Infinity, 0.5 * Math.log(Math.PI), 0];
/** ln Γ(k/2) for k ≥ 1. */
function lnGammaHalf(k: number): number {
  for (let m = lnGammaHalfCache.length; m <= k; m++) lnGammaHalfCache.push(at(lnGammaHalfCache, m - 2) + Math.log((m - 2) / 2));
  return at(lnGammaHalfCache, k);
}

/** A lower bound (log10) on min(I_x(A/2, B/2), 1 − I_x(A/2, B/2)), x = Q/(P + Q). */
function log10LowerBound(A: number, B: number, Q: bigint, P: bigint): number {
  const S = P + Q;
  const lnBeta = lnGammaHalf(A) + lnGammaHalf(B) - lnGammaHalf(A + B);
  const first = (A / 2) * (log10Big(Q) - log10Big(S)) + (B / 2) * (log10Big(P) - log10Big(S)) - lnBeta / Math.LN10;
  return first - Math.log10(Math.max(A, B) / 2);
}

/**
 * The closed form's value and 1 − value with relative error below 10^−tolDigits each.
 * @param t - the closed-form terms of I_x(A/2, B/2)
 * @internal
 */
export function evaluateTerms(t: ClosedFormTerms, A: number, B: number, tolDigits: number): HighPrecision {
  const irrational = t.sqrtCoef[0] !== 0n || t.arctan;
  if (!irrational) {
    // a rational: value and complement correctly rounded straight from the fraction
    return rationalHighPrecision(t.constant[0], t.constant[1], tolDigits);
  }
  let W = tolDigits + 2 + Math.max(0, Math.ceil(-log10LowerBound(A, B, t.atanQ, t.atanP)));
  for (;;) {
    const extra = extraDigits(W);
    const F = W + extra;
    const fixed = evaluateFixed(t, F);
    const complement = scale10(F) - fixed;
    if (fixed > 0n && complement > 0n) {
      const D = decimalContext(F);
      const value = new D(`${fixed}e-${F}`);
      const oneMinus = new D(`${complement}e-${F}`);
      // absolute error < 10^−W; need ≤ 10^−tolDigits · min(I, 1 − I)
      const smaller = Math.min(log10Abs(value), log10Abs(oneMinus));
      // the fixed-point copies promise 10^−(F−5) (HighPrecision), so they are left out when more extra digits were needed
      if (-W <= smaller - tolDigits)
        return { value, oneMinus, precision: F, ...(extra === EXTRA ? { fixed: { value: fixed, oneMinus: complement, F } } : {}) };
      W = Math.max(W + 5, Math.ceil(tolDigits - smaller) + 2);
    } else W *= 2;
  }
}
