import type fc from "fast-check";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { arbProblem, type ProblemConstraints } from "./arbProblem.js";

/**
 * Random small networks as exact text (no data; kinks need data, so none are placed).
 * Shrinks toward fewer neurons, inputs and outputs, no biases, relu and simpler weights.
 *
 * @param constraints - as {@link arbProblem}, without the data-related fields
 * @example fc.sample(arbNetwork({ activations: ["linear"] }), 1)[0].activation // returns { kind: "linear" }
 */
export function arbNetwork(
  constraints: Omit<ProblemConstraints, "points" | "inputValues" | "targetValues" | "kinks"> = {},
): fc.Arbitrary<LayeredNetwork<string>> {
  return arbProblem({ ...constraints, points: { min: 1, max: 1 }, kinks: false }).map((p) => p.net);
}
