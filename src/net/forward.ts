import { at } from "../scalar/at.js";
import type { Scalar } from "../scalar/scalar.js";
import { activationFunctions } from "./activationFunctions.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { dot } from "./dot.js";

/** Everything the forward pass computes, per layer, data point i and unit k. */
export interface ForwardPass<T> {
  /** Pre-activations of the first weight layer, z[i][k] = W_1[k] · x_i (+ b_1[k]). */
  Z: T[][];
  /** Outputs of the first hidden layer, h[i][k] = σ(z[i][k]). */
  H: T[][];
  /** Network outputs f[i][j]. */
  F: T[][];
  /** Pre-activations of every weight layer l = 1 … L (index l − 1), [i][k]; the last is F. */
  preActivations: T[][][];
  /** The input of every weight layer l = 1 … L (index l − 1), [i][k]: the data, then σ of each hidden layer. */
  inputs: (readonly (readonly T[])[])[];
}

/**
 * The forward pass of a network of any depth on the rows of `X`:
 * each pre-activation is the dot product in input order, the bias added last.
 *
 * @example forward(networkIn(readNetwork('{"W1": [[1, -1], [2, 0]], "W2": [[1, 3]]}'), exact), [[exact.parse("1"), exact.parse("2")]], exact).F.map((f) => f.map(exact.toString)) // returns [["6"]]
 */
export function forward<T>(net: LayeredNetwork<T>, X: readonly (readonly T[])[], S: Scalar<T>): ForwardPass<T> {
  const { sigma } = activationFunctions(net.activation, S);
  const { layers } = net;
  const preActivations: T[][][] = [];
  const inputs: (readonly (readonly T[])[])[] = [];
  let A: readonly (readonly T[])[] = X;
  layers.forEach(({ W, b }, l) => {
    inputs.push(A);
    // b has one entry per row of W (the readers check it)
    const Z = A.map((x) => W.map((w, k) => (b ? S.add(dot(S, w, x), at(b, k)) : dot(S, w, x))));
    preActivations.push(Z);
    if (l < layers.length - 1) A = Z.map((z) => z.map(sigma));
  });
  // a network has at least one layer, so both ends exist
  const F = at(preActivations, preActivations.length - 1);
  return { Z: at(preActivations, 0), H: (inputs[1] ?? []) as T[][], F, preActivations, inputs };
}
