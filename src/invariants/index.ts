export { neuronInvariants } from "./neuronInvariants.js";
export { outgoingNormSq } from "./outgoingNormSq.js";
export { incomingNormSq } from "./incomingNormSq.js";
export { linearInvariant } from "./linearInvariant.js";
export { predictedGdDrift } from "./predictedGdDrift.js";
export { packedInvariants } from "./packedInvariants.js";
export { layerInvariants } from "./layerInvariants.js";
export { linearLayerInvariants } from "./linearLayerInvariants.js";
export type { DriftTerms } from "./predictedGdDrift.js";
