import type { Scalar } from "../scalar/scalar.js";

/** The dot product of two equally long vectors. */
export function dot<T>(S: Scalar<T>, a: readonly T[], b: readonly T[]): T {
  let s = S.zero;
  for (let i = 0; i < a.length; i++) s = S.add(s, S.mul(a[i]!, b[i]!));
  return s;
}
