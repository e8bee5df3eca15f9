import type { Network } from "../net/network.js";
import type { Scalar } from "../scalar/scalar.js";
import { dot } from "../net/dot.js";

/**
 * The l×l matrix W̃1 W̃1ᵀ − W2ᵀ W2, with W̃1 = [W1 | b1]: conserved along
 * gradient flow when the activation is linear (its diagonal is the c_k).
 */
export function linearInvariant<T>(net: Network<T>, S: Scalar<T>): T[][] {
  const rows = net.W1.map((w, k) => (net.b1 ? [...w, net.b1[k]!] : [...w]));
  const cols = net.W1.map((_, k) => net.W2.map((row) => row[k]!));
  return rows.map((wk, k) => rows.map((wm, m) => S.sub(dot(S, wk, wm), dot(S, cols[k]!, cols[m]!))));
}
