import { at } from "../scalar/at.js";
import type { Scalar } from "../scalar/scalar.js";
import { sigmoid } from "./sigmoid.js";
import type { LossKind } from "./loss.js";
import { isSquared } from "./_internals/lossScale.js";

/** dℓ/df_j for one point: 2(f − y) for the squared errors, σ(f) − y for bce (the loss's divisor is applied by the caller). */
export function pointLossGradient<T>(S: Scalar<T>, kind: LossKind, f: readonly T[], y: readonly T[]): T[] {
  const two = S.fromInt(2);
  return f.map((fj, j) => (isSquared(kind) ? S.mul(two, S.sub(fj, at(y, j))) : S.sub(sigmoid(S, fj), at(y, j))));
}
