import { at } from "../scalar/at.js";
import type { Scalar } from "../scalar/scalar.js";
import { activationFunctions } from "./activationFunctions.js";
import { type BatchNormPass, batchNormForward } from "./batchNormForward.js";
import { refuseLayerNormDynamics } from "./refuseLayerNormDynamics.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { dot } from "./dot.js";
import { convolve } from "./_internals/convolve.js";
import { pool } from "./_internals/pool.js";
import { hasSpatialLayers, type LayerShape, tensorShapes } from "./_internals/tensorShapes.js";

/** Everything the forward pass computes, per layer, data point i and unit k. */
export interface ForwardPass<T> {
  /** Pre-activations of the first weight layer, z[i][k] = W_1[k] · x_i (+ b_1[k]). */
  Z: T[][];
  /** Outputs of the first hidden layer, h[i][k] = σ(z[i][k]) (pooled when the layer pools). */
  H: T[][];
  /** Network outputs f[i][j]. */
  F: T[][];
  /**
   * Pre-activations of every weight layer l = 1 … L (index l − 1), [i][k]; the last is F.
   * For a convolution k runs over channels × positions, flat channel-major. For a layer with a batch
   * normalisation, the normalised γẑ + β: the argument of σ.
   */
  preActivations: T[][][];
  /**
   * The input of every weight layer l = 1 … L (index l − 1), [i][k]: the data, then σ of each hidden
   * layer, pooled where the layer pools; flat channel-major after a convolution (PyTorch's `flatten`).
   */
  inputs: (readonly (readonly T[])[])[];
  /** The shape of every layer, for a network with convolutions or pooling; absent for a fully connected one. */
  shapes?: readonly LayerShape[] | undefined;
  /** Per layer and data point, which activation each max-pooled output took; undefined where a layer does not max-pool. */
  switches?: readonly (readonly Int32Array[] | undefined)[] | undefined;
  /** Per layer, what its batch normalisation computed on this batch; absent when no layer normalises. */
  norms?: readonly (BatchNormPass<T> | undefined)[] | undefined;
}

/**
 * The forward pass of a network of any depth on the rows of `X`:
 * each pre-activation is the dot product in input order, the bias added last. A convolution
 * (with its stride, padding and the network's input shape) convolves each row read as a tensor,
 * flat channel-major, and its pooling follows the activation. A batch normalisation (training mode,
 * over the batch `X` and the positions) sits between a layer's pre-activation and its activation.
 *
 * @throws InputError when a network with convolutions lacks its input shape, a stride or a padding, or a layer does not fit the tensor it reads;
 *   when a batch normalisation cannot run on this batch or in this arithmetic (see `batchNormForward`)
 * @example forward(networkIn(readNetwork('{"W1": [[1, -1], [2, 0]], "W2": [[1, 3]]}'), exact), [[exact.parse("1"), exact.parse("2")]], exact).F.map((f) => f.map(exact.toString)) // returns [["6"]]
 */
export function forward<T>(net: LayeredNetwork<T>, X: readonly (readonly T[])[], S: Scalar<T>): ForwardPass<T> {
  refuseLayerNormDynamics(net);
  const { sigma } = activationFunctions(net.activation, S);
  const { layers } = net;
  const shapes = hasSpatialLayers(net) ? tensorShapes(net) : undefined;
  const preActivations: T[][][] = [];
  const inputs: (readonly (readonly T[])[])[] = [];
  const switches: (Int32Array[] | undefined)[] = [];
  const norms: (BatchNormPass<T> | undefined)[] = [];
  let A: readonly (readonly T[])[] = X;
  layers.forEach(({ W, b, norm }, l) => {
    inputs.push(A);
    const conv = shapes?.[l]?.conv;
    // b has one entry per row of W (the readers check it)
    const linear = conv
      ? A.map((x) => convolve(S, conv, W, b, x))
      : A.map((x) => W.map((w, k) => (b ? S.add(dot(S, w, x), at(b, k)) : dot(S, w, x))));
    const normalised = norm === undefined ? undefined : batchNormForward(linear, norm, S);
    norms.push(normalised);
    const Z = normalised?.output ?? linear;
    preActivations.push(Z);
    if (l === layers.length - 1) return;
    const H = Z.map((z) => z.map(sigma));
    const pooling = shapes?.[l]?.pool;
    if (pooling === undefined) {
      switches.push(undefined);
      A = H;
      return;
    }
    const pooled = H.map((h) => pool(S, pooling, h));
    switches.push(pooling.kind === "max" ? pooled.map((p) => p.switches as Int32Array) : undefined);
    A = pooled.map((p) => p.out);
  });
  // a network has at least one layer, so both ends exist
  const F = at(preActivations, preActivations.length - 1);
  return {
    Z: at(preActivations, 0),
    H: (inputs[1] ?? []) as T[][],
    F,
    preActivations,
    inputs,
    ...(shapes === undefined ? {} : { shapes, switches }),
    ...(norms.some((p) => p !== undefined) ? { norms } : {}),
  };
}
