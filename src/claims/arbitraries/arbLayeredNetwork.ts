import type fc from "fast-check";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { arbDeepProblem, type DeepProblemConstraints } from "./arbDeepProblem.js";

/**
 * Random small fully connected networks of any depth as exact text (no data; kinks need
 * data, so none are placed): 2 to 4 weight layers by default, hidden widths 1 to 3, a bias
 * or none on each layer, every homogeneous activation. Shrinks toward fewer layers and
 * neurons, no biases, relu and simpler weights.
 *
 * @param constraints - as {@link arbDeepProblem}, without the data-related fields
 * @returns an arbitrary of layered networks
 * @throws Error naming the constraint when a size range is invalid
 * @example fc.sample(arbLayeredNetwork({ depth: { min: 4, max: 4 }, activations: ["abs"] }), 1)[0].layers.length // returns 4
 */
export function arbLayeredNetwork(
  constraints: Omit<DeepProblemConstraints, "points" | "inputValues" | "targetValues" | "kinks"> = {},
): fc.Arbitrary<LayeredNetwork<string>> {
  return arbDeepProblem({ ...constraints, points: { min: 1, max: 1 }, kinks: false }).map((p) => p.net);
}
