import type { Network } from "../net/network.js";
import type { Scalar } from "../scalar/scalar.js";

/** ‖w̃_k‖² of hidden neuron k: its incoming weights and, when present, its hidden bias. */
export function incomingNormSq<T>(net: Network<T>, k: number, S: Scalar<T>): T {
  let s = S.zero;
  for (const v of net.W1[k]!) s = S.add(s, S.mul(v, v));
  if (net.b1) s = S.add(s, S.mul(net.b1[k]!, net.b1[k]!));
  return s;
}
