import type { Scalar } from "../scalar/scalar.js";
import { activationFunctions } from "./activation.js";
import type { Network } from "./network.js";

/** Everything the forward pass computes, per data point i, hidden neuron k and output j. */
export interface ForwardPass<T> {
  /** Pre-activations z[i][k] = w_k · x_i (+ b1[k]). */
  Z: T[][];
  /** Hidden outputs h[i][k] = σ(z[i][k]). */
  H: T[][];
  /** Network outputs f[i][j]. */
  F: T[][];
}

/** The dot product of two equally long vectors. */
export function dot<T>(S: Scalar<T>, a: readonly T[], b: readonly T[]): T {
  let s = S.zero;
  for (let i = 0; i < a.length; i++) s = S.add(s, S.mul(a[i]!, b[i]!));
  return s;
}

/**
 * The forward pass of a two-layer network on the rows of `X`.
 *
 * @example forward(net, [["1", "2"]].map(r => r.map(exact.parse)), exact).F // returns [[f(x)]]
 */
export function forward<T>(net: Network<T>, X: readonly (readonly T[])[], S: Scalar<T>): ForwardPass<T> {
  const { sigma } = activationFunctions(net.activation, S);
  const Z = X.map((x) => net.W1.map((w, k) => (net.b1 ? S.add(dot(S, w, x), net.b1[k]!) : dot(S, w, x))));
  const H = Z.map((z) => z.map(sigma));
  const F = H.map((h) => net.W2.map((a, j) => (net.b2 ? S.add(dot(S, a, h), net.b2[j]!) : dot(S, a, h))));
  return { Z, H, F };
}
