/**
 * From p (and 1 − p) at high precision to the quantities of docs/theory.md §5 for
 * width l: q, P(disconnected) = 1 − (1 − q)^l, E[#pathological] = l·p,
 * E[b_0] = (1 + q)^l, each rounded once to the requested digits.
 *
 * 1 − (1 − q)^l loses about log10(1/(l q)) digits to cancellation when l·q is
 * small; the power is taken at a working precision raised by exactly that,
 * and 1 − q is already accurate relative to q (evaluateParts proves both p
 * and 1 − p), so the result keeps every digit.
 * @internal
 */
import type { Decimal } from "decimal.js";
import { splitCase } from "../splitCase.js";
import { decimalContext } from "../../scalar/decimalContext.js";
import { scale10 } from "../../scalar/bigintMath.js";
import { powFixed10 } from "../../scalar/fixedPoint.js";
import { formatDigits, log10Abs } from "./decimalFormat.js";
import type { HighPrecision } from "./evaluateParts.js";

export interface Derived {
  pNeuron: string;
  pSplit: string;
  pDisconnected: string;
  expectedPathological: string;
  expectedComponents: string;
}

/** q and 1 − q as high-precision decimals (exact 0 and 1 when the case says so). */
function splitProbabilityHighPrecision(p: HighPrecision, dIn: number, e: number): HighPrecision {
  const D = decimalContext(p.precision);
  switch (splitCase(dIn, e)) {
    case "p":
      return p;
    case "oneMinusP":
      return {
        value: p.oneMinus,
        oneMinus: p.value,
        precision: p.precision,
        ...(p.fixed ? { fixed: { value: p.fixed.oneMinus, oneMinus: p.fixed.value, F: p.fixed.F } } : {}),
      };
    case "one":
      return { value: new D(1), oneMinus: new D(0), precision: p.precision };
    case "zero":
      return { value: new D(0), oneMinus: new D(1), precision: p.precision };
  }
}

/** Widths up to which the powers are taken in fixed point ((1 + q)^l has up to 0.3·l integer digits). */
const MAX_FIXED_WIDTH = 20_000;

/** Number of decimal digits of l, used as guard digits for l-fold products. */
const digitsOf = (l: number): number => String(l).length;

/** The five quantities of a width-l network, each rounded once to `digits`. */
export function derivedQuantities(p: HighPrecision, dIn: number, e: number, width: number, digits: number, tolDigits: number): Derived {
  const q = splitProbabilityHighPrecision(p, dIn, e);
  const guard = tolDigits + digitsOf(width) + 5;
  let disconnected: Decimal;
  let components: Decimal | undefined;
  if (q.value.isZero()) disconnected = new (decimalContext(guard))(0);
  else if (q.oneMinus.isZero()) disconnected = new (decimalContext(guard))(1);
  else if (q.fixed && width <= MAX_FIXED_WIDTH) {
    // Fixed point at F decimals: q and 1 − q are known to 10^−(F−5) ≤ 10^−tolDigits·min(q, 1 − q);
    // (1 − q)^l then errs by at most l·10^−(F−5) + 2·log2(l) units, relative to 1 − (1 − q)^l ≥ l·q·(1 − q)^(l−1):
    // add the digits of l (and 5 more) to F so the result keeps tolDigits.
    const { F: F0 } = q.fixed;
    const extra = digitsOf(width) + 5;
    const F = F0 + extra;
    const lift = scale10(extra);
    const scale = scale10(F);
    const D = decimalContext(guard + Math.max(0, F - guard));
    disconnected = new D(`${scale - powFixed10(q.fixed.oneMinus * lift, width, F)}e-${F}`);
    components = new D(`${powFixed10(scale + q.fixed.value * lift, width, F)}e-${F}`);
  } else {
    // 1 − (1 − q)^l ≈ l·q when l·q is small: add the digits that cancellation takes away
    const lost = Math.max(0, Math.ceil(-(log10Abs(q.value) + Math.log10(width))));
    const D = decimalContext(guard + lost);
    disconnected = new D(1).minus(new D(q.oneMinus).pow(width));
  }
  const Dg = decimalContext(guard);
  return {
    pNeuron: formatDigits(p.value, digits),
    pSplit: formatDigits(q.value, digits),
    pDisconnected: formatDigits(disconnected, digits),
    expectedPathological: formatDigits(new Dg(p.value).times(width), digits),
    expectedComponents: formatDigits(components ?? new Dg(1).plus(q.value).pow(width), digits),
  };
}
