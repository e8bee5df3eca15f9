import type { Scalar } from "../scalar/scalar.js";

/** 1 / (1 + e^{−f}). */
export function sigmoid<T>(S: Scalar<T>, f: T): T {
  return S.div(S.one, S.add(S.one, S.exp(S.neg(f))));
}
