import type { LayeredNetwork } from "./layeredNetwork.js";

/**
 * The parameters of a network as one flat array in its layout's order (PyTorch `state_dict`): per layer W, b,
 * then a batch normalisation's γ and β.
 *
 * @example packNetwork({ activation: { kind: "relu" }, layers: [{ W: [[1, 2]], b: [5] }, { W: [[3]] }] }) // returns [1, 2, 5, 3]
 */
export function packNetwork<T>(net: LayeredNetwork<T>): T[] {
  const out: T[] = [];
  for (const { W, b, norm } of net.layers) {
    // element by element: push(...row) passes a row of 10^5 weights as arguments and overflows the stack
    for (const row of W) for (const v of row) out.push(v);
    if (b) for (const v of b) out.push(v);
    if (norm) for (const v of [...norm.gamma, ...norm.beta]) out.push(v);
  }
  return out;
}
