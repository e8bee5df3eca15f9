import type { LayeredNetwork } from "./layeredNetwork.js";

/**
 * The sizes of a network as its first hidden layer sees them: input d, first hidden width l,
 * output e, and the fan-in d_in = d (+1 with a first-layer bias).
 */
export interface NetworkShape {
  d: number;
  l: number;
  e: number;
  dIn: number;
  hiddenBias: boolean;
  outputBias: boolean;
}

/**
 * The shape of a (validated) network.
 *
 * @example networkShape({ activation: { kind: "relu" }, layers: [{ W: [[1, 2]], b: [0] }, { W: [[3]] }] }).dIn // returns 3
 */
export function networkShape<T>(net: LayeredNetwork<T>): NetworkShape {
  const first = net.layers[0];
  const last = net.layers[net.layers.length - 1];
  const d = first?.W[0]?.length ?? 0;
  const hiddenBias = first?.b !== undefined;
  return {
    d,
    l: first?.W.length ?? 0,
    e: last?.W.length ?? 0,
    dIn: d + (hiddenBias ? 1 : 0),
    hiddenBias,
    outputBias: last?.b !== undefined,
  };
}
