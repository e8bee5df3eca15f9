import type { Network } from "../net/network.js";
import type { Scalar } from "../scalar/scalar.js";

/** ‖w̃_k‖² of hidden neuron k: its incoming weights and, when present, its hidden bias. */
export function incomingNormSq<T>(net: Network<T>, k: number, S: Scalar<T>): T {
  let s = S.zero;
  for (const v of net.W1[k]!) s = S.add(s, S.mul(v, v));
  if (net.b1) s = S.add(s, S.mul(net.b1[k]!, net.b1[k]!));
  return s;
}

/** ‖a_k‖² of hidden neuron k: column k of W2. */
export function outgoingNormSq<T>(net: Network<T>, k: number, S: Scalar<T>): T {
  let s = S.zero;
  for (const row of net.W2) s = S.add(s, S.mul(row[k]!, row[k]!));
  return s;
}

/**
 * The conserved quantity of every hidden neuron, c_k = ‖w_k‖² + b1[k]² − ‖a_k‖²
 * (THEORY.md §2): constant along gradient flow for any homogeneous activation.
 *
 * @example neuronInvariants({ activation: { kind: "relu" }, W1: [[2, 1/4]], b1: [1/4], W2: [[1/2]] }, exact) // returns [31/8]
 */
export function neuronInvariants<T>(net: Network<T>, S: Scalar<T>): T[] {
  return net.W1.map((_, k) => S.sub(incomingNormSq(net, k, S), outgoingNormSq(net, k, S)));
}
