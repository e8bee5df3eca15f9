import { InputError } from "../errors.js";
import { exact, type Rational } from "../scalar/exact.js";

/**
 * What one hidden neuron's quadric Q(c) = {‖w‖² − ‖a‖² = c} ⊂ R^{d_in} × R^e is
 * (THEORY.md §3): c > 0 → S^{d_in−1} × R^e, c < 0 → R^{d_in} × S^{e−1}, c = 0 → a cone.
 * A neuron *splits* H(c) when its sphere is S^0 (two points):
 * `pathological` (c < 0, e = 1: the sign of its output weight is locked) or
 * `positiveSplit` (c > 0, d_in = 1: the sign of its single incoming weight is locked).
 */
export type NeuronKind = "pathological" | "positiveSplit" | "negative" | "positive" | "zero";

/** Sizes of the quadrics: d_in = fan-in of a hidden neuron (d + 1 with a hidden bias), e = outputs. */
export interface QuadricDims {
  dIn: number;
  e: number;
}

/** @throws InputError unless d_in and e are positive integers */
export function checkDims({ dIn, e }: QuadricDims): void {
  if (!Number.isSafeInteger(dIn) || dIn < 1) throw new InputError(`invalid d_in. Must be a positive integer. Value: \`${dIn}\`.`);
  if (!Number.isSafeInteger(e) || e < 1) throw new InputError(`invalid e. Must be a positive integer. Value: \`${e}\`.`);
}

/** The kind of a neuron with invariant c, decided exactly from the sign of c. */
export function neuronKind(c: Rational, dims: QuadricDims): NeuronKind {
  const s = exact.sign(c);
  if (s === 0) return "zero";
  if (s < 0) return dims.e === 1 ? "pathological" : "negative";
  return dims.dIn === 1 ? "positiveSplit" : "positive";
}

/** Whether a kind splits H(c) in two. */
export const isSplit = (kind: NeuronKind): boolean => kind === "pathological" || kind === "positiveSplit";
