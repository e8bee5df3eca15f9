import type { NeuronKind } from "./neuronKind.js";

/**
 * Whether a neuron of this kind splits H(c) in two (its sphere is S⁰).
 *
 * @param kind - the neuron's kind
 * @returns true for `pathological` and `positiveSplit`
 * @example isSplit("pathological") // returns true
 */
export function isSplit(kind: NeuronKind): boolean {
  return kind === "pathological" || kind === "positiveSplit";
}
