export { neuronInvariants, incomingNormSq, outgoingNormSq } from "./neuronInvariants.js";
export { linearInvariant } from "./linearInvariant.js";
export { predictedGdDrift } from "./gdDrift.js";
export type { DriftTerms } from "./gdDrift.js";
