import type { LayeredNetwork } from "./layeredNetwork.js";

/**
 * The parameters of a network as one flat array in its layout's order (PyTorch `state_dict`).
 *
 * @example packNetwork({ activation: { kind: "relu" }, layers: [{ W: [[1, 2]], b: [5] }, { W: [[3]] }] }) // returns [1, 2, 5, 3]
 */
export function packNetwork<T>(net: LayeredNetwork<T>): T[] {
  const out: T[] = [];
  for (const { W, b } of net.layers) {
    for (const row of W) out.push(...row);
    if (b) out.push(...b);
  }
  return out;
}
