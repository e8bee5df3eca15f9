import type { Network } from "../net/network.js";
import type { Scalar } from "../scalar/scalar.js";
import { incomingNormSq, outgoingNormSq } from "./neuronInvariants.js";

/**
 * The change of every c_k under one gradient-descent step θ ← θ − η g:
 * exactly η²(‖g_{w_k}‖² − ‖g_{a_k}‖²), because the linear term
 * −2η(⟨g_w, w⟩ − ⟨g_a, a⟩) vanishes by the rescaling identity (docs/theory.md §2).
 *
 * @param grad - the gradient g at θ, laid out like the network
 * @param lr - the step η
 */
export function predictedGdDrift<T>(grad: Network<T>, lr: T, S: Scalar<T>): T[] {
  const lr2 = S.mul(lr, lr);
  return grad.W1.map((_, k) => S.mul(lr2, S.sub(incomingNormSq(grad, k, S), outgoingNormSq(grad, k, S))));
}
