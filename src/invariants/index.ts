export { neuronInvariants } from "./neuronInvariants.js";
export { predictedGdDrift } from "./predictedGdDrift.js";
export { packedInvariants } from "./packedInvariants.js";
export { layerInvariants } from "./layerInvariants.js";
export { linearLayerInvariants } from "./linearLayerInvariants.js";
export type { DriftTerms } from "./predictedGdDrift.js";
export { batchNormLaws } from "./batchNormLaws.js";
export type { BatchNormLaws } from "./batchNormLaws.js";
