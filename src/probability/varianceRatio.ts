import type { Rational } from "../scalar/exact.js";
import type { NeuronLaw } from "./neuronLaw.js";

/** ρ = σ_w²/σ_a² (for a uniform law, the ratio of squared half-widths, which is also the variance ratio). */
export function varianceRatio(law: NeuronLaw): Rational {
  return law.w2.div(law.a2);
}
