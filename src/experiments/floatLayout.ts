import type { Activation } from "../net/activation.js";
import type { Network } from "../net/network.js";

/**
 * Where each parameter of a two-layer network sits in one flat Float64Array:
 * `W1` (l×d, row-major), then `b1` (l), `W2` (e×l, row-major), then `b2` (e).
 * Absent biases take no room.
 */
export interface FloatLayout {
  readonly d: number;
  readonly l: number;
  readonly e: number;
  readonly hiddenBias: boolean;
  readonly outputBias: boolean;
  readonly activation: Activation;
  /** Offsets of each block; `-1` for an absent bias. */
  readonly W1: number;
  readonly b1: number;
  readonly W2: number;
  readonly b2: number;
  /** Total number of parameters. */
  readonly size: number;
}

/** The layout of a network with input d, width l, output e and the given biases. */
export function floatLayout(d: number, l: number, e: number, hiddenBias: boolean, outputBias: boolean, activation: Activation = { kind: "relu" }): FloatLayout {
  const W1 = 0;
  const b1 = hiddenBias ? l * d : -1;
  const W2 = l * d + (hiddenBias ? l : 0);
  const b2 = outputBias ? W2 + e * l : -1;
  return { d, l, e, hiddenBias, outputBias, activation, W1, b1, W2, b2, size: W2 + e * l + (outputBias ? e : 0) };
}

/** The layout of a given network. */
export function layoutOf<T>(net: Network<T>): FloatLayout {
  return floatLayout(net.W1[0]?.length ?? 0, net.W1.length, net.W2.length, net.b1 !== undefined, net.b2 !== undefined, net.activation);
}

/** Packs a float network into its flat array. */
export function packNetwork(net: Network<number>): Float64Array {
  const L = layoutOf(net);
  const p = new Float64Array(L.size);
  net.W1.forEach((row, k) => row.forEach((v, m) => (p[L.W1 + k * L.d + m] = v)));
  net.b1?.forEach((v, k) => (p[L.b1 + k] = v));
  net.W2.forEach((row, j) => row.forEach((v, k) => (p[L.W2 + j * L.l + k] = v)));
  net.b2?.forEach((v, j) => (p[L.b2 + j] = v));
  return p;
}

/** Unpacks a flat array into a float network of the given layout. */
export function unpackNetwork(p: Float64Array, L: FloatLayout): Network<number> {
  const rows = (off: number, r: number, c: number): number[][] => Array.from({ length: r }, (_, i) => Array.from(p.subarray(off + i * c, off + (i + 1) * c)));
  return {
    activation: L.activation,
    W1: rows(L.W1, L.l, L.d),
    b1: L.hiddenBias ? Array.from(p.subarray(L.b1, L.b1 + L.l)) : undefined,
    W2: rows(L.W2, L.e, L.l),
    b2: L.outputBias ? Array.from(p.subarray(L.b2, L.b2 + L.e)) : undefined,
  };
}

/** c_k = ‖w̃_k‖² − ‖a_k‖² for every hidden neuron, in float. */
export function floatInvariants(p: Float64Array, L: FloatLayout, out: Float64Array = new Float64Array(L.l)): Float64Array {
  for (let k = 0; k < L.l; k++) {
    let s = 0;
    for (let m = 0; m < L.d; m++) s += p[L.W1 + k * L.d + m]! ** 2;
    if (L.hiddenBias) s += p[L.b1 + k]! ** 2;
    for (let j = 0; j < L.e; j++) s -= p[L.W2 + j * L.l + k]! ** 2;
    out[k] = s;
  }
  return out;
}
