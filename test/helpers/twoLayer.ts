import type { Activation } from "../../src/net/activation.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";

/** A network of two weight layers written as its file form (W1, b1?, W2, b2?), for tests that state one by hand. */
export function twoLayer<T>(net: {
  activation: Activation;
  W1: readonly (readonly T[])[];
  b1?: readonly T[] | undefined;
  W2: readonly (readonly T[])[];
  b2?: readonly T[] | undefined;
}): LayeredNetwork<T> {
  return {
    activation: net.activation,
    layers: [
      { W: net.W1, b: net.b1 },
      { W: net.W2, b: net.b2 },
    ],
  };
}
