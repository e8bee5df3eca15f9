/**
 * The quantities a probability heat map can show, apart from the drawing code so
 * that `relutopo table probability --help` can list them without loading it.
 */

/** The probability fields a heat map can show. */
export type ProbabilityQuantity = "pNeuron" | "pSplit" | "pDisconnected" | "expectedPathological" | "expectedComponents";

/** Every quantity, in the order `--help` lists them. */
export const PROBABILITY_QUANTITIES: readonly ProbabilityQuantity[] = [
  "pNeuron",
  "pSplit",
  "pDisconnected",
  "expectedPathological",
  "expectedComponents",
];

/** Legend titles of the quantities, e.g. "P(H(c) disconnected)". */
export const QUANTITY_TITLES: Record<ProbabilityQuantity, string> = {
  pNeuron: "P(neuron pathological)",
  pSplit: "P(neuron splits H(c))",
  pDisconnected: "P(H(c) disconnected)",
  expectedPathological: "E[# pathological]",
  expectedComponents: "E[b0]",
};
