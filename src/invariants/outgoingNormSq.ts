import type { Network } from "../net/network.js";
import type { Scalar } from "../scalar/scalar.js";

/** ‖a_k‖² of hidden neuron k: column k of W2. */
export function outgoingNormSq<T>(net: Network<T>, k: number, S: Scalar<T>): T {
  let s = S.zero;
  for (const row of net.W2) s = S.add(s, S.mul(row[k]!, row[k]!));
  return s;
}
