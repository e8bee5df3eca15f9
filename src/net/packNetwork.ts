import { InputError } from "../errors.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import type { Network } from "./network.js";
import { paramLayout, type ParamLayout } from "./paramLayout.js";

/**
 * The layout of a network, two-layer or layered (widths read from its matrices).
 *
 * @example layoutOf({ activation: { kind: "relu" }, W1: [[1, 2]], b1: [0], W2: [[3]] }).size // returns 4
 */
export function layoutOf<T>(net: Network<T> | LayeredNetwork<T>): ParamLayout {
  const layers =
    "layers" in net
      ? net.layers
      : [
          { W: net.W1, b: net.b1 },
          { W: net.W2, b: net.b2 },
        ];
  const widths = [layers[0]?.W[0]?.length ?? 0, ...layers.map((layer) => layer.W.length)];
  return paramLayout(
    widths,
    layers.map((layer) => layer.b !== undefined),
    net.activation,
  );
}

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
    for (const row of W) out.push(...row);
    if (b) out.push(...b);
  }
  return out;
}

/**
 * The layered network whose parameters are `theta`, read in the order of `L`.
 *
 * @throws InputError when θ does not have `L.size` entries
 * @example unpackLayers([1, 2, 3], paramLayout([1, 1, 1], [false, true], { kind: "relu" })).layers[1] // returns { W: [[2]], b: [3] }
 */
export function unpackLayers<T>(theta: ArrayLike<T>, L: ParamLayout): LayeredNetwork<T> {
  if (theta.length !== L.size) throw new InputError({ field: "theta", expected: `${L.size} parameters`, value: String(theta.length) });
  const layers = [];
  for (let l = 1; l <= L.depth; l++) {
    const rows = L.widths[l]!;
    const cols = L.widths[l - 1]!;
    const w0 = L.weightOffset[l - 1]!;
    const b0 = L.biasOffset[l - 1]!;
    const W = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => theta[w0 + r * cols + c]!));
    layers.push({ W, b: b0 < 0 ? undefined : Array.from({ length: rows }, (_, r) => theta[b0 + r]!) });
  }
  return { activation: L.activation, layers };
}

/**
 * The two-layer network whose parameters are `theta`, read in the order of `L`.
 *
 * @throws InputError when `L` is not two-layer or θ does not have `L.size` entries
 * @example unpackNetwork([1, 2, 5, 3], layoutOf({ activation: { kind: "relu" }, W1: [[0, 0]], b1: [0], W2: [[0]] })).b1 // returns [5]
 */
export function unpackNetwork<T>(theta: ArrayLike<T>, L: ParamLayout): Network<T> {
  if (L.depth !== 2) throw new InputError({ field: "layout", expected: "a two-layer layout", value: L.widths.join(",") });
  const [first, second] = unpackLayers(theta, L).layers;
  return { activation: L.activation, W1: first!.W, b1: first!.b, W2: second!.W, b2: second!.b };
}
