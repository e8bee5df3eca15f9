import { InputError } from "../errors.js";
import type { Scalar } from "../scalar/scalar.js";
import type { Dataset } from "./dataset.js";
import { forward } from "./forward.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import type { Network } from "./network.js";

/** `mse`: (1/n) Σ_i ‖f(x_i) − y_i‖²; `bce`: (1/n) Σ_i Σ_j binary cross-entropy of the logit f_j(x_i) against y_ij. */
export type LossKind = "mse" | "bce";

/** Parses `mse` or `bce`. @throws InputError otherwise */
export function parseLossKind(text: string): LossKind {
  if (text === "mse" || text === "bce") return text;
  throw new InputError(`invalid loss. Must be mse or bce. Value: \`${text}\`.`);
}

/** ln(1 + e^f), computed without overflow for large |f|. */
function softplus<T>(S: Scalar<T>, f: T): T {
  const neg = S.sign(f) > 0 ? S.neg(f) : f;
  const tail = S.ln(S.add(S.one, S.exp(neg)));
  return S.sign(f) > 0 ? S.add(f, tail) : tail;
}

/** 1 / (1 + e^{−f}). */
export function sigmoid<T>(S: Scalar<T>, f: T): T {
  return S.div(S.one, S.add(S.one, S.exp(S.neg(f))));
}

/** The per-point loss ℓ(f, y) summed over outputs. */
export function pointLoss<T>(S: Scalar<T>, kind: LossKind, f: readonly T[], y: readonly T[]): T {
  let s = S.zero;
  for (let j = 0; j < f.length; j++) {
    const term = kind === "mse" ? S.mul(S.sub(f[j]!, y[j]!), S.sub(f[j]!, y[j]!)) : S.sub(softplus(S, f[j]!), S.mul(y[j]!, f[j]!));
    s = S.add(s, term);
  }
  return s;
}

/** dℓ/df_j for one point: 2(f − y) for mse, σ(f) − y for bce. */
export function pointLossGradient<T>(S: Scalar<T>, kind: LossKind, f: readonly T[], y: readonly T[]): T[] {
  const two = S.fromInt(2);
  return f.map((fj, j) => (kind === "mse" ? S.mul(two, S.sub(fj, y[j]!)) : S.sub(sigmoid(S, fj), y[j]!)));
}

/**
 * L(θ) = (1/n) Σ_i ℓ(f(x_i; θ), y_i), for a network of any depth.
 *
 * @throws InputError for bce in exact arithmetic (it needs exp and log)
 */
export function loss<T>(net: Network<T> | LayeredNetwork<T>, data: Dataset<T>, S: Scalar<T>, kind: LossKind): T {
  const { F } = forward(net, data.X, S);
  let s = S.zero;
  F.forEach((f, i) => {
    s = S.add(s, pointLoss(S, kind, f, data.Y[i]!));
  });
  return S.div(s, S.fromInt(data.X.length));
}
