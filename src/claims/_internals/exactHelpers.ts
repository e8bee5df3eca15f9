import type { Dataset } from "../../net/readDataset.js";
import { datasetIn } from "../../net/datasetIn.js";
import { forward } from "../../net/forward.js";
import { dot } from "../../net/dot.js";
import { lossAndGradient } from "../../net/lossAndGradient.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { networkIn } from "../../net/networkIn.js";
import { zipNetworks } from "../../net/zipNetworks.js";
import { mapNetwork } from "../../net/mapNetwork.js";
import { exact, type Rational } from "../../scalar/exact.js";
import type { Problem } from "../arbitraries/arbProblem.js";

/** @internal A problem in exact rationals. */
export interface ExactProblem {
  net: LayeredNetwork<Rational>;
  data: Dataset<Rational>;
}

/** @internal */
export function inExact(p: Problem): ExactProblem {
  return { net: networkIn(p.net, exact), data: datasetIn(p.data, exact) };
}

/** @internal Exact text of a network (for witnesses and for arbitraries' output). */
export function toText(net: LayeredNetwork<Rational>): LayeredNetwork<string> {
  return mapNetwork(net, exact.toString);
}

/** @internal One exact gradient-descent step θ − ηg (mean squared error), with g. */
export function gdStep(
  net: LayeredNetwork<Rational>,
  data: Dataset<Rational>,
  lr: Rational,
): { next: LayeredNetwork<Rational>; grad: LayeredNetwork<Rational> } {
  const { grad } = lossAndGradient(net, data, exact, "mse");
  return { next: zipNetworks(net, grad, (p, g) => exact.sub(p, exact.mul(lr, g))), grad };
}

/** @internal Network outputs on the data points. */
export function outputs(net: LayeredNetwork<Rational>, data: Dataset<Rational>): Rational[][] {
  return forward(net, data.X, exact).F;
}

/** @internal Exact equality of two matrices of rationals. */
export function sameMatrix(a: readonly (readonly Rational[])[], b: readonly (readonly Rational[])[]): boolean {
  return a.length === b.length && a.every((row, i) => row.length === b[i]!.length && row.every((v, j) => exact.eq(v, b[i]![j]!)));
}

/** @internal w̃_k: row k of W1 with b1[k] appended when there is a hidden bias. */
export function incoming(net: LayeredNetwork<Rational>, k: number): Rational[] {
  return net.layers[0]!.b ? [...net.layers[0]!.W[k]!, net.layers[0]!.b[k]!] : [...net.layers[0]!.W[k]!];
}

/** @internal a_k: column k of W2. */
export function outgoing(net: LayeredNetwork<Rational>, k: number): Rational[] {
  return net.layers[1]!.W.map((row) => row[k]!);
}

/** @internal c_k computed from its definition, independently of src/invariants. */
export function invariantsByDefinition(net: LayeredNetwork<Rational>): Rational[] {
  return net.layers[0]!.W.map((_, k) =>
    exact.sub(dot(exact, incoming(net, k), incoming(net, k)), dot(exact, outgoing(net, k), outgoing(net, k))),
  );
}

/** @internal Neuron k rescaled: (w̃_k, a_k) ↦ (λ w̃_k, a_k / λ). */
export function rescaleNeurons(net: LayeredNetwork<Rational>, lambdas: readonly Rational[]): LayeredNetwork<Rational> {
  return {
    activation: net.activation,
    layers: [
      {
        W: net.layers[0]!.W.map((row, k) => row.map((v) => exact.mul(v, lambdas[k]!))),
        b: net.layers[0]!.b?.map((v, k) => exact.mul(v, lambdas[k]!)),
      },
      { W: net.layers[1]!.W.map((row) => row.map((v, k) => exact.div(v, lambdas[k]!))), b: net.layers[1]!.b },
    ],
  };
}

/** @internal Hidden neurons permuted: new neuron k is old neuron perm[k]. */
export function permuteNeurons<T>(net: LayeredNetwork<T>, perm: readonly number[]): LayeredNetwork<T> {
  return {
    activation: net.activation,
    layers: [
      { W: perm.map((p) => net.layers[0]!.W[p]!), b: net.layers[0]!.b ? perm.map((p) => net.layers[0]!.b![p]!) : undefined },
      { W: net.layers[1]!.W.map((row) => perm.map((p) => row[p]!)), b: net.layers[1]!.b },
    ],
  };
}

/** @internal A permutation of 0 … l−1 from sort keys (ties broken by index), so that shrinking the keys to 0 gives the identity. */
export function permutationFromKeys(keys: readonly number[], l: number): number[] {
  return Array.from({ length: l }, (_, k) => k).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
}
