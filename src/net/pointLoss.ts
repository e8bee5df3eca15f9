import type { Scalar } from "../scalar/scalar.js";
import { softplus } from "./_internals/softplus.js";
import type { LossKind } from "./loss.js";
import { isSquared } from "./_internals/lossScale.js";

/** The per-point loss ℓ(f, y) summed over outputs. */
export function pointLoss<T>(S: Scalar<T>, kind: LossKind, f: readonly T[], y: readonly T[]): T {
  let s = S.zero;
  for (let j = 0; j < f.length; j++) {
    const term = isSquared(kind) ? S.mul(S.sub(f[j]!, y[j]!), S.sub(f[j]!, y[j]!)) : S.sub(softplus(S, f[j]!), S.mul(y[j]!, f[j]!));
    s = S.add(s, term);
  }
  return s;
}
