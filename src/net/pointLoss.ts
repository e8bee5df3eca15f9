import { at } from "../scalar/at.js";
import type { Scalar } from "../scalar/scalar.js";
import { softplus } from "./_internals/softplus.js";
import type { LossKind } from "./loss.js";
import { isSquared } from "./_internals/lossScale.js";

/** The per-point loss ℓ(f, y) summed over outputs. */
export function pointLoss<T>(S: Scalar<T>, kind: LossKind, f: readonly T[], y: readonly T[]): T {
  let s = S.zero;
  // y has one target per output of f
  for (const [j, fj] of f.entries()) {
    const yj = at(y, j);
    const term = isSquared(kind) ? S.mul(S.sub(fj, yj), S.sub(fj, yj)) : S.sub(softplus(S, fj), S.mul(yj, fj));
    s = S.add(s, term);
  }
  return s;
}
