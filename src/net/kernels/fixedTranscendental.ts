import type { FixedLayeredNet } from "./fixedLayeredNet.js";

/**
 * |x| past which e^{−|x|} < 2^−P·e^−10 rounds to 0 in fixed point: the logistic function is
 * then exactly 0 or 1 there, and decimal.js is not asked for e^x of a huge x (whose digits
 * it would build at length, or overflow to ∞).
 */
function saturation(P: number): number {
  return P * Math.LN2 + 10;
}

/** The logistic function 1/(1 + e^{−f}) of a fixed-point value, through decimal.js. @internal */
export function fixedSigmoid(p: Pick<FixedLayeredNet, "Dec" | "F">, f: bigint): bigint {
  const { Dec, F } = p;
  const x = new Dec(f.toString()).div(new Dec(F.ONE.toString()));
  if (x.abs().gt(saturation(F.P))) return x.isPositive() ? F.ONE : 0n;
  const s = new Dec(1).div(new Dec(1).plus(Dec.exp(x.neg())));
  return BigInt(s.times(new Dec(F.ONE.toString())).toFixed(0));
}

/** e^{x} of a fixed-point value x ≤ 0, through decimal.js (0 once it is below the last bit). @internal */
export function fixedExp(p: Pick<FixedLayeredNet, "Dec" | "F">, x: bigint): bigint {
  const { Dec, F } = p;
  const v = new Dec(x.toString()).div(new Dec(F.ONE.toString()));
  if (v.lt(-saturation(F.P))) return 0n;
  return BigInt(Dec.exp(v).times(new Dec(F.ONE.toString())).toFixed(0));
}
