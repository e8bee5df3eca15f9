import type fc from "fast-check";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { arbConvProblem, type ConvProblemConstraints } from "./arbConvProblem.js";

/**
 * Random small convolutional networks as exact text (no data), with their input shape: 1 or 2
 * `Conv1d`/`Conv2d` layers with kernels, strides, paddings, groups and optional pooling, then
 * `flatten` and a linear output, as {@link arbConvProblem} draws them.
 *
 * @param constraints - as {@link arbConvProblem}, without the data-related fields
 * @returns an arbitrary of layered networks whose hidden layers are convolutions
 * @throws Error naming the constraint when a size range is invalid
 * @example fc.sample(arbConvNetwork({ dimensions: [2] }), 3).every((n) => n.input?.size.length === 2) // returns true
 */
export function arbConvNetwork(
  constraints: Omit<ConvProblemConstraints, "points" | "inputValues" | "targetValues"> = {},
): fc.Arbitrary<LayeredNetwork<string>> {
  return arbConvProblem({ ...constraints, points: { min: 1, max: 1 } }).map((p) => p.net);
}
