import { exact, type Rational } from "../scalar/exact.js";
import type { QuadricDims } from "./checkDims.js";

/**
 * What one hidden neuron's quadric Q(c) = {‖w‖² − ‖a‖² = c} ⊂ R^{d_in} × R^e is
 * (docs/theory.md §3): c > 0 → S^{d_in−1} × R^e, c < 0 → R^{d_in} × S^{e−1}, c = 0 → a cone.
 * A neuron *splits* H(c) when its sphere is S^0 (two points):
 * `pathological` (c < 0, e = 1: the sign of its output weight is locked) or
 * `positiveSplit` (c > 0, d_in = 1: the sign of its single incoming weight is locked).
 */
export type NeuronKind = "pathological" | "positiveSplit" | "negative" | "positive" | "zero";

/**
 * The kind of a neuron with invariant c, decided exactly from the sign of c.
 *
 * @param c - the neuron's invariant ‖w‖² − ‖a‖²
 * @param dims - d_in and e of its quadric
 * @returns its kind; `pathological` and `positiveSplit` split H(c)
 * @example neuronKind(exact.parse("-1"), { dIn: 3, e: 1 }) // returns "pathological"
 */
export function neuronKind(c: Rational, dims: QuadricDims): NeuronKind {
  const s = exact.sign(c);
  if (s === 0) return "zero";
  if (s < 0) return dims.e === 1 ? "pathological" : "negative";
  return dims.dIn === 1 ? "positiveSplit" : "positive";
}
