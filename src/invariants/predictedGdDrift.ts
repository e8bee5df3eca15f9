import type { ParamLayout } from "../net/paramLayout.js";
import type { Scalar } from "../scalar/scalar.js";
import { at } from "../scalar/at.js";
import { hiddenNeuronSlots, type NeuronSlots, slotDot } from "./_internals/hiddenNeuronSlots.js";

/**
 * The first-order pieces of an optimiser step θ′ = θ − η·u that the rescaling
 * identity does not cancel, so that ⟨w̃_k, u_w̃⟩ − ⟨a_k, u_a⟩ =
 * κ·c_k(θ) + β·(⟨w̃_k, b_w̃⟩ − ⟨a_k, b_a⟩) + (⟨w̃_k, r_w̃⟩ − ⟨a_k, r_a⟩)
 * when u = γ·(∇L_B + λθ) + β·b + r with κ = γλ. Every vector is flat, in the
 * order of the network's `ParamLayout`.
 */
export interface DriftTerms<T> {
  /** θ, the parameters before the step. */
  params: readonly T[];
  /** κ: the coefficient of c_k(θ), γλ for weight decay λ entering u with weight γ. */
  decay?: T;
  /**
   * Where the decay applies (true), flat like θ; absent: everywhere. Without bias decay the
   * decay's pairing is κ·(‖w_k‖² − ‖a_k‖²) = κ·(c_k − b_k²), b_k the neuron's incoming bias.
   */
  decayed?: readonly boolean[];
  /** β·b: the previous momentum buffer b and the weight β it enters u with. */
  buffer?: { value: readonly T[]; weight: T };
  /** r: a part of u no identity simplifies (Adam's m̂/(√v̂ + ε)); its pairing is computed. */
  rest?: readonly T[];
}

/**
 * The change of every c_{l,k} under one optimiser step θ′ = θ − η·u, for every hidden
 * neuron of every layer of a network of any depth (docs/theory.md §2): with w̃ the
 * neuron's incoming weights and bias and a its outgoing weights at its layer,
 * c(θ′) − c(θ) = −2η(⟨w̃, u_w̃⟩ − ⟨a, u_a⟩) + η²(‖u_w̃‖² − ‖u_a‖²).
 * The gradient's share of the first-order term vanishes by the rescaling identity
 * ⟨w̃, ∇_w̃ L⟩ = ⟨a, ∇_a L⟩, which holds neuron by neuron at every depth (per
 * mini-batch, kinks included), so only the pieces in `terms` remain: weight decay
 * gives κ·c (κ·(c − b²) when the biases are not decayed), a momentum buffer its pairing,
 * anything else (Adam) its pairing. Without
 * `terms` the step is plain gradient descent, u = ∇L, and the drift is η²(‖g_w̃‖² − ‖g_a‖²).
 *
 * @param L - the layout of the flat vectors (see `layoutOf`, `packNetwork`)
 * @param update - the direction u of the step, flat in the order of `L`
 * @param lr - the step η
 * @param S - the arithmetic
 * @param terms - the first-order pieces that do not cancel; none for plain gradient descent
 * @returns the predicted c(θ′) − c(θ) for every hidden neuron, layer 1 first (the order of `neuronInvariants`)
 * @example predictedGdDrift(paramLayout([1, 1, 1], false, { kind: "relu" }), [exact.one, exact.zero], exact.parse("1/2"), exact).map(exact.toString) // returns ["1/4"]
 */
export function predictedGdDrift<T>(L: ParamLayout, update: readonly T[], lr: T, S: Scalar<T>, terms?: DriftTerms<T>): T[] {
  const neurons = hiddenNeuronSlots(L);
  const lr2 = S.mul(lr, lr);
  const second = neurons.map(({ incoming, outgoing }) =>
    S.mul(lr2, S.sub(slotDot(update, update, incoming, S), slotDot(update, update, outgoing, S))),
  );
  if (terms === undefined) return second;
  const twoLr = S.add(lr, lr);
  const { params, decay, decayed, buffer, rest } = terms;
  // the slots the decay reaches: every one, or the weights only (no bias decay)
  const reached = (slots: readonly number[]): readonly number[] => (decayed ? slots.filter((i) => decayed[i]) : slots);
  // ⟨w̃, v_w̃⟩ − ⟨a, v_a⟩: the bilinear form whose value on θ itself is c
  const pairing = (v: readonly T[], { incoming, outgoing }: NeuronSlots): T => {
    let s = slotDot(params, v, incoming, S);
    // slots are indices into θ, and params and v are θ-shaped
    for (const i of outgoing) s = S.sub(s, S.mul(at(params, i), at(v, i)));
    return s;
  };
  return neurons.map((neuron, k) => {
    const { incoming, outgoing } = neuron;
    let f = S.zero;
    if (decay !== undefined)
      f = S.add(f, S.mul(decay, S.sub(slotDot(params, params, reached(incoming), S), slotDot(params, params, reached(outgoing), S))));
    if (buffer !== undefined) f = S.add(f, S.mul(buffer.weight, pairing(buffer.value, neuron)));
    if (rest !== undefined) f = S.add(f, pairing(rest, neuron));
    return S.sub(at(second, k), S.mul(twoLr, f));
  });
}
