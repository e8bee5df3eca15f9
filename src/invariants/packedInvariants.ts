import type { ParamLayout } from "../net/paramLayout.js";
import type { Scalar } from "../scalar/scalar.js";
import { unpackLayers } from "../net/unpackLayers.js";
import { neuronInvariants } from "./neuronInvariants.js";

/**
 * The conserved quantity c_{l,k} = ‖w̃_{l,k}‖² − ‖a_{l,k}‖² of every hidden neuron of every layer,
 * read from a flat parameter vector θ in the order of its layout (PyTorch `state_dict`): w̃ is the
 * neuron's row of W_l and its bias b_l[k], a its column of W_{l+1}. The values are those of
 * `neuronInvariants` of the network θ unpacks to (this reads that one definition).
 *
 * @param L - the layout of θ
 * @param theta - the parameters, `L.size` of them
 * @param S - the arithmetic
 * @returns one c per hidden neuron, layer by layer
 * @example packedInvariants(paramLayout([1, 1, 1, 1], false, { kind: "relu" }), [2, 1, 3].map(exact.fromInt), exact).map(exact.toString) // returns ["3", "-8"]
 */
export function packedInvariants<T>(L: ParamLayout, theta: readonly T[], S: Scalar<T>): T[] {
  return neuronInvariants(unpackLayers(theta, L), S);
}
