import type { ParamLayout } from "../net/paramLayout.js";
import { at } from "../scalar/at.js";
import { outgoingSlots } from "../net/outgoingSlots.js";
import { incomingSlots } from "../net/incomingSlots.js";

/**
 * Rescales hidden neuron k, (w̃_k, a_k) ↦ (λw̃_k, a_k/λ) with λ > 0, so that
 * ‖w̃_k‖ / ‖a_k‖ becomes `ratio`: the function f is unchanged (ReLU-type σ is
 * positively homogeneous) while c_k = ‖w̃_k‖² − ‖a_k‖² becomes
 * ‖w̃_k‖‖a_k‖(ratio − 1/ratio) (norms taken before the rescaling): positive for
 * ratio > 1, negative (a pathological neuron) for ratio < 1, with the same |c_k|
 * for `ratio` and `1/ratio`. Works in place; a neuron with w̃_k = 0 or a_k = 0
 * is left alone (no λ changes its sign of c_k).
 *
 * @param p - the flat parameter vector, changed in place
 * @param L - its layout
 * @param k - a neuron of the first hidden layer
 * @param ratio - the ‖w̃_k‖ / ‖a_k‖ wanted
 * @returns λ, or 1 when the neuron was left alone
 */
export function rescaleToSign(p: Float64Array, L: ParamLayout, k: number, ratio: number): number {
  const incoming = incomingSlots(L, 1, k);
  const outgoing = outgoingSlots(L, 1, k);
  let w2 = 0;
  for (const q of incoming) w2 += at(p, q) ** 2;
  let a2 = 0;
  for (const q of outgoing) a2 += at(p, q) ** 2;
  if (w2 === 0 || a2 === 0) return 1;
  // λ‖w̃‖ = ratio·‖a‖/λ  ⇒  λ² = ratio·‖a‖/‖w̃‖.
  const lambda = Math.sqrt((ratio * Math.sqrt(a2)) / Math.sqrt(w2));
  for (const q of incoming) p[q] = at(p, q) * lambda;
  for (const q of outgoing) p[q] = at(p, q) / lambda;
  return lambda;
}
