import type { Scalar } from "../../scalar/scalar.js";

/** ln(1 + e^f), computed without overflow for large |f|. */
export function softplus<T>(S: Scalar<T>, f: T): T {
  const neg = S.sign(f) > 0 ? S.neg(f) : f;
  const tail = S.ln(S.add(S.one, S.exp(neg)));
  return S.sign(f) > 0 ? S.add(f, tail) : tail;
}
