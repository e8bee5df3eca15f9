import type { Scalar } from "../scalar/scalar.js";
import { sigmoid } from "./sigmoid.js";
import type { LossKind } from "./loss.js";

/** dℓ/df_j for one point: 2(f − y) for mse, σ(f) − y for bce. */
export function pointLossGradient<T>(S: Scalar<T>, kind: LossKind, f: readonly T[], y: readonly T[]): T[] {
  const two = S.fromInt(2);
  return f.map((fj, j) => (kind === "mse" ? S.mul(two, S.sub(fj, y[j]!)) : S.sub(sigmoid(S, fj), y[j]!)));
}
