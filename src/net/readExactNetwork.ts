import { type Rational, exact } from "../scalar/exact.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { readAnyNetworkFile } from "./readAnyNetworkFile.js";

/**
 * The one way from a network file to exact numbers: reads any network file relutopo
 * reads (a W1/b1/W2/b2 or `layers` JSON file, a PyTorch `state_dict` as JSON, a
 * `.safetensors` file or a `.pt` file) and returns its layers with every entry an exact
 * rational, parsed from the text or the IEEE bits the file holds, never through a
 * rounding step. Throws `InputError`/`PathError` (exit code 2 in the CLI) as the readers do.
 *
 * @example const net = readExactNetwork("examples/toy.json");
 * net.layers[0].W[0].map(exact.toString) // returns ["2", "1/4"]
 */
export function readExactNetwork(path: string): LayeredNetwork<Rational> {
  const net = readAnyNetworkFile(path);
  return {
    activation: net.activation,
    layers: net.layers.map(({ W, b }) => ({ W: W.map((row) => row.map(exact.parse)), b: b?.map(exact.parse) })),
  };
}
