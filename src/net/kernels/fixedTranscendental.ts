import type { FixedNet } from "./fixedNet.js";

/** The logistic function 1/(1 + e^{−f}) of a fixed-point value, through decimal.js. @internal */
export function fixedSigmoid(p: Pick<FixedNet, "Dec" | "F">, f: bigint): bigint {
  const { Dec, F } = p;
  const x = new Dec(f.toString()).div(new Dec(F.ONE.toString()));
  const s = new Dec(1).div(new Dec(1).plus(Dec.exp(x.neg())));
  return BigInt(s.times(new Dec(F.ONE.toString())).toFixed(0));
}

/** e^{x} of a fixed-point value, through decimal.js. @internal */
export function fixedExp(p: Pick<FixedNet, "Dec" | "F">, x: bigint): bigint {
  const { Dec, F } = p;
  const v = Dec.exp(new Dec(x.toString()).div(new Dec(F.ONE.toString())));
  return BigInt(v.times(new Dec(F.ONE.toString())).toFixed(0));
}
