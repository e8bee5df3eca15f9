import type { Network } from "../net/network.js";
import type { Scalar } from "../scalar/scalar.js";
import { neuronInvariants } from "./neuronInvariants.js";
import { outgoingNormSq } from "./outgoingNormSq.js";
import { incomingNormSq } from "./incomingNormSq.js";

/**
 * The first-order pieces of an optimiser step θ′ = θ − η·u that the rescaling
 * identity does not cancel, so that ⟨w̃_k, u_w̃⟩ − ⟨a_k, u_a⟩ =
 * κ·c_k(θ) + β·(⟨w̃_k, b_w̃⟩ − ⟨a_k, b_a⟩) + (⟨w̃_k, r_w̃⟩ − ⟨a_k, r_a⟩)
 * when u = γ·(∇L_B + λθ) + β·b + r with κ = γλ.
 */
export interface DriftTerms<T> {
  /** θ, the parameters before the step. */
  params: Network<T>;
  /** κ: the coefficient of c_k(θ), γλ for weight decay λ entering u with weight γ. */
  decay?: T;
  /** β·b: the previous momentum buffer b and the weight β it enters u with. */
  buffer?: { value: Network<T>; weight: T };
  /** r: a part of u no identity simplifies (Adam's m̂/(√v̂ + ε)); its pairing is computed. */
  rest?: Network<T>;
}

/**
 * The change of every c_k under one optimiser step θ′ = θ − η·u (docs/theory.md §2):
 * c_k(θ′) − c_k(θ) = −2η(⟨w̃_k, u_w̃⟩ − ⟨a_k, u_a⟩) + η²(‖u_w̃‖² − ‖u_a‖²).
 * The gradient's share of the first-order term vanishes by the rescaling
 * identity ⟨w̃_k, ∇_w̃ L⟩ = ⟨a_k, ∇_a L⟩ (per mini-batch, kinks included), so
 * only the pieces in `terms` remain: weight decay gives κ·c_k, a momentum
 * buffer its pairing, anything else (Adam) its pairing. Without `terms` the
 * step is plain gradient descent, u = ∇L, and the drift is η²(‖g_w̃‖² − ‖g_a‖²).
 *
 * @param update - the direction u of the step, laid out like the network
 * @param lr - the step η
 * @param S - the arithmetic
 * @param terms - the first-order pieces that do not cancel; none for plain gradient descent
 * @returns the predicted c_k(θ′) − c_k(θ) for every hidden neuron
 * @example predictedGdDrift({ activation: { kind: "relu" }, W1: [[exact.one]], W2: [[exact.zero]] }, exact.parse("1/2"), exact).map(exact.toString) // returns ["1/4"]
 */
export function predictedGdDrift<T>(update: Network<T>, lr: T, S: Scalar<T>, terms?: DriftTerms<T>): T[] {
  const lr2 = S.mul(lr, lr);
  const second = update.W1.map((_, k) => S.mul(lr2, S.sub(incomingNormSq(update, k, S), outgoingNormSq(update, k, S))));
  if (terms === undefined) return second;
  const { params, decay, buffer, rest } = terms;
  const c = decay === undefined ? undefined : neuronInvariants(params, S);
  const first = update.W1.map((_, k) => {
    let f = S.zero;
    if (decay !== undefined) f = S.add(f, S.mul(decay, c![k]!));
    if (buffer !== undefined) f = S.add(f, S.mul(buffer.weight, pairing(params, buffer.value, k, S)));
    if (rest !== undefined) f = S.add(f, pairing(params, rest, k, S));
    return f;
  });
  const twoLr = S.add(lr, lr);
  return second.map((v, k) => S.sub(v, S.mul(twoLr, first[k]!)));
}

/** ⟨w̃_k, v_w̃⟩ − ⟨a_k, v_a⟩: the bilinear form whose value on θ itself is c_k. */
function pairing<T>(theta: Network<T>, v: Network<T>, k: number, S: Scalar<T>): T {
  let s = S.zero;
  theta.W1[k]!.forEach((w, m) => {
    s = S.add(s, S.mul(w, v.W1[k]![m]!));
  });
  if (theta.b1 && v.b1) s = S.add(s, S.mul(theta.b1[k]!, v.b1[k]!));
  theta.W2.forEach((row, j) => {
    s = S.sub(s, S.mul(row[k]!, v.W2[j]![k]!));
  });
  return s;
}
