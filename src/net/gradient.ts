import type { Scalar } from "../scalar/scalar.js";
import { activationFunctions } from "./activation.js";
import type { Dataset } from "./dataset.js";
import { forward } from "./forward.js";
import { pointLoss, pointLossGradient, type LossKind } from "./loss.js";
import type { Network } from "./network.js";

/** The loss at θ and its gradient, laid out like the network (`grad.W1[k][m]` = ∂L/∂W1[k][m]). */
export interface LossAndGradient<T> {
  loss: T;
  grad: Network<T>;
}

/**
 * The loss and its analytic gradient by back-propagation, exact in `exact`.
 * At a kink σ' follows PyTorch: relu 0, leaky_relu its slope, abs 0.
 *
 * @throws InputError for bce in exact arithmetic
 */
export function lossAndGradient<T>(net: Network<T>, data: Dataset<T>, S: Scalar<T>, kind: LossKind): LossAndGradient<T> {
  const { slopeAt } = activationFunctions(net.activation, S);
  const { Z, H, F } = forward(net, data.X, S);
  const n = data.X.length;
  const l = net.W1.length;
  const e = net.W2.length;
  const invN = S.div(S.one, S.fromInt(n));
  const zeros = (len: number): T[] => new Array<T>(len).fill(S.zero);
  const gW1 = net.W1.map((w) => zeros(w.length));
  const gb1 = zeros(l);
  const gW2 = net.W2.map(() => zeros(l));
  const gb2 = zeros(e);
  let total = S.zero;
  for (let i = 0; i < n; i++) {
    const x = data.X[i]!;
    total = S.add(total, pointLoss(S, kind, F[i]!, data.Y[i]!));
    // dL/df_i, with the 1/n of the mean folded in.
    const r = pointLossGradient(S, kind, F[i]!, data.Y[i]!).map((v) => S.mul(v, invN));
    for (let j = 0; j < e; j++) {
      gb2[j] = S.add(gb2[j]!, r[j]!);
      for (let k = 0; k < l; k++) gW2[j]![k] = S.add(gW2[j]![k]!, S.mul(r[j]!, H[i]![k]!));
    }
    for (let k = 0; k < l; k++) {
      let back = S.zero;
      for (let j = 0; j < e; j++) back = S.add(back, S.mul(net.W2[j]![k]!, r[j]!));
      const delta = S.mul(back, slopeAt(Z[i]![k]!));
      if (S.sign(delta) === 0) continue;
      gb1[k] = S.add(gb1[k]!, delta);
      for (let m = 0; m < x.length; m++) gW1[k]![m] = S.add(gW1[k]![m]!, S.mul(delta, x[m]!));
    }
  }
  return {
    loss: S.mul(total, invN),
    grad: { activation: net.activation, W1: gW1, b1: net.b1 ? gb1 : undefined, W2: gW2, b2: net.b2 ? gb2 : undefined },
  };
}
