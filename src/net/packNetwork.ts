import type { LayeredNetwork } from "./layeredNetwork.js";
import type { Network } from "./network.js";

/**
 * The parameters of a network as one flat array in its layout's order (PyTorch `state_dict`).
 *
 * @example packNetwork({ activation: { kind: "relu" }, W1: [[1, 2]], b1: [5], W2: [[3]] }) // returns [1, 2, 5, 3]
 */
export function packNetwork<T>(net: Network<T> | LayeredNetwork<T>): T[] {
  const layers =
    "layers" in net
      ? net.layers
      : [
          { W: net.W1, b: net.b1 },
          { W: net.W2, b: net.b2 },
        ];
  const out: T[] = [];
  for (const { W, b } of layers) {
    // element by element: push(...row) passes a row of 10^5 weights as arguments and overflows the stack
    for (const row of W) for (const v of row) out.push(v);
    if (b) for (const v of b) out.push(v);
  }
  return out;
}
