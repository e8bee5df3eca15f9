import type { Dataset } from "../../net/readDataset.js";
import { datasetIn } from "../../net/datasetIn.js";
import { forward } from "../../net/forward.js";
import { dot } from "../../net/dot.js";
import { lossAndGradient } from "../../net/lossAndGradient.js";
import type { Layer, LayeredNetwork } from "../../net/layeredNetwork.js";
import { networkIn } from "../../net/networkIn.js";
import { zipNetworks } from "../../net/zipNetworks.js";
import { mapNetwork } from "../../net/mapNetwork.js";
import { at } from "../../scalar/at.js";
import { exact, type Rational } from "../../scalar/exact.js";
import type { Problem } from "../arbitraries/arbProblem.js";
import { hiddenAndOutput } from "./hiddenAndOutput.js";

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
  if (a.length !== b.length) return false;
  return a.every((row, i) => {
    const other = at(b, i);
    return row.length === other.length && row.every((v, j) => exact.eq(v, at(other, j)));
  });
}

/** @internal w̃_k: row k of W1 with b1[k] appended when there is a hidden bias. */
export function incoming(net: LayeredNetwork<Rational>, k: number): Rational[] {
  const [hidden] = hiddenAndOutput(net);
  const row = at(hidden.W, k);
  return hidden.b ? [...row, at(hidden.b, k)] : [...row];
}

/** @internal a_k: column k of W2. */
export function outgoing(net: LayeredNetwork<Rational>, k: number): Rational[] {
  return hiddenAndOutput(net)[1].W.map((row) => at(row, k));
}

/** @internal c_k computed from its definition, independently of src/invariants. */
export function invariantsByDefinition(net: LayeredNetwork<Rational>): Rational[] {
  return hiddenAndOutput(net)[0].W.map((_, k) =>
    exact.sub(dot(exact, incoming(net, k), incoming(net, k)), dot(exact, outgoing(net, k), outgoing(net, k))),
  );
}

/** @internal Neuron k rescaled: (w̃_k, a_k) ↦ (λ w̃_k, a_k / λ). */
export function rescaleNeurons(net: LayeredNetwork<Rational>, lambdas: readonly Rational[]): LayeredNetwork<Rational> {
  const [hidden, output] = hiddenAndOutput(net);
  return {
    activation: net.activation,
    layers: [
      {
        W: hidden.W.map((row, k) => row.map((v) => exact.mul(v, at(lambdas, k)))),
        b: hidden.b?.map((v, k) => exact.mul(v, at(lambdas, k))),
      },
      { W: output.W.map((row) => row.map((v, k) => exact.div(v, at(lambdas, k)))), b: output.b },
    ],
  };
}

/** @internal Hidden neurons permuted: new neuron k is old neuron perm[k]. */
export function permuteNeurons<T>(net: LayeredNetwork<T>, perm: readonly number[]): LayeredNetwork<T> {
  const [hidden, output] = hiddenAndOutput(net);
  const { b } = hidden;
  return {
    activation: net.activation,
    layers: [
      { W: perm.map((p) => at(hidden.W, p)), b: b ? perm.map((p) => at(b, p)) : undefined },
      { W: output.W.map((row) => perm.map((p) => at(row, p))), b: output.b },
    ],
  };
}

/** @internal A permutation of 0 … l−1 from sort keys (ties broken by index), so that shrinking the keys to 0 gives the identity. */
export function permutationFromKeys(keys: readonly number[], l: number): number[] {
  return Array.from({ length: l }, (_, k) => k).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
}

/**
 * @internal Which unit of `lower` the weight (r, col) of `upper` reads, found from the layer's own
 * meaning, weight by weight (independently of readerBlock): a dense layer after a dense one reads unit
 * col; after a convolution of C channels it reads the channel-major flattened input, col ÷ (columns / C);
 * a convolution of g groups reads, in row r's group, the input channel col ÷ (kernel entries).
 */
function unitRead(lower: Layer<Rational>, upper: Layer<Rational>, r: number, col: number): number {
  const C = lower.W.length;
  const columns = at(upper.W, 0).length;
  if (upper.conv === undefined) return lower.conv === undefined ? col : Math.floor(col / (columns / C));
  const g = upper.conv.groups;
  const taps = upper.conv.kernel.reduce((p, k) => p * k, 1);
  const group = Math.floor(r / (upper.W.length / g));
  return group * (C / g) + Math.floor(col / taps);
}

/**
 * @internal Per hidden layer l and unit (channel) j: Σ squares of its incoming weights and bias in
 * `values`, minus Σ squares of every weight of layer l + 1 in `values` that reads j, the readers found
 * by visiting every weight of the layer above in `net`'s layout. With `values` = net this is c_{l,j};
 * with a gradient it is ‖g_w̃‖² − ‖g_a‖².
 */
export function channelBalances(net: LayeredNetwork<Rational>, values: LayeredNetwork<Rational> = net): Rational[][] {
  const sq = (v: Rational): Rational => exact.mul(v, v);
  return net.layers.slice(0, -1).map((lower, l) => {
    const upper = at(net.layers, l + 1);
    const own = at(values.layers, l);
    const balance = own.W.map((row, j) => {
      const b = own.b?.[j];
      return row.reduce((s, v) => exact.add(s, sq(v)), b === undefined ? exact.zero : sq(b));
    });
    at(values.layers, l + 1).W.forEach((row, r) => {
      row.forEach((v, col) => {
        const j = unitRead(lower, upper, r, col);
        balance[j] = exact.sub(at(balance, j), sq(v));
      });
    });
    return balance;
  });
}
