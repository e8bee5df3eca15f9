import type { Dataset } from "../../net/readDataset.js";
import { datasetIn } from "../../net/datasetIn.js";
import { forward } from "../../net/forward.js";
import { dot } from "../../net/dot.js";
import { lossAndGradient } from "../../net/lossAndGradient.js";
import type { Network } from "../../net/network.js";
import { networkIn } from "../../net/networkIn.js";
import { zipNetworks } from "../../net/zipNetworks.js";
import { mapNetwork } from "../../net/mapNetwork.js";
import { exact, type Rational } from "../../scalar/exact.js";
import type { Problem } from "../arbitraries/arbProblem.js";

/** @internal A problem in exact rationals. */
export interface ExactProblem {
  net: Network<Rational>;
  data: Dataset<Rational>;
}

/** @internal */
export function inExact(p: Problem): ExactProblem {
  return { net: networkIn(p.net, exact), data: datasetIn(p.data, exact) };
}

/** @internal Exact text of a network (for witnesses and for arbitraries' output). */
export function toText(net: Network<Rational>): Network<string> {
  return mapNetwork(net, exact.toString);
}

/** @internal One exact gradient-descent step θ − ηg (mean squared error), with g. */
export function gdStep(
  net: Network<Rational>,
  data: Dataset<Rational>,
  lr: Rational,
): { next: Network<Rational>; grad: Network<Rational> } {
  const { grad } = lossAndGradient(net, data, exact, "mse");
  return { next: zipNetworks(net, grad, (p, g) => exact.sub(p, exact.mul(lr, g))), grad };
}

/** @internal Network outputs on the data points. */
export function outputs(net: Network<Rational>, data: Dataset<Rational>): Rational[][] {
  return forward(net, data.X, exact).F;
}

/** @internal Exact equality of two matrices of rationals. */
export function sameMatrix(a: readonly (readonly Rational[])[], b: readonly (readonly Rational[])[]): boolean {
  return a.length === b.length && a.every((row, i) => row.length === b[i]!.length && row.every((v, j) => exact.eq(v, b[i]![j]!)));
}

/** @internal w̃_k: row k of W1 with b1[k] appended when there is a hidden bias. */
export function incoming(net: Network<Rational>, k: number): Rational[] {
  return net.b1 ? [...net.W1[k]!, net.b1[k]!] : [...net.W1[k]!];
}

/** @internal a_k: column k of W2. */
export function outgoing(net: Network<Rational>, k: number): Rational[] {
  return net.W2.map((row) => row[k]!);
}

/** @internal c_k computed from its definition, independently of src/invariants. */
export function invariantsByDefinition(net: Network<Rational>): Rational[] {
  return net.W1.map((_, k) => exact.sub(dot(exact, incoming(net, k), incoming(net, k)), dot(exact, outgoing(net, k), outgoing(net, k))));
}

/** @internal Neuron k rescaled: (w̃_k, a_k) ↦ (λ w̃_k, a_k / λ). */
export function rescaleNeurons(net: Network<Rational>, lambdas: readonly Rational[]): Network<Rational> {
  return {
    activation: net.activation,
    W1: net.W1.map((row, k) => row.map((v) => exact.mul(v, lambdas[k]!))),
    b1: net.b1?.map((v, k) => exact.mul(v, lambdas[k]!)),
    W2: net.W2.map((row) => row.map((v, k) => exact.div(v, lambdas[k]!))),
    b2: net.b2,
  };
}

/** @internal Hidden neurons permuted: new neuron k is old neuron perm[k]. */
export function permuteNeurons<T>(net: Network<T>, perm: readonly number[]): Network<T> {
  return {
    activation: net.activation,
    W1: perm.map((p) => net.W1[p]!),
    b1: net.b1 ? perm.map((p) => net.b1![p]!) : undefined,
    W2: net.W2.map((row) => perm.map((p) => row[p]!)),
    b2: net.b2,
  };
}

/** @internal A permutation of 0 … l−1 from sort keys (ties broken by index), so that shrinking the keys to 0 gives the identity. */
export function permutationFromKeys(keys: readonly number[], l: number): number[] {
  return Array.from({ length: l }, (_, k) => k).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
}
