import type { Claim } from "../claim.js";
import { polynomialActivationConservesC, tanhConservesC } from "./activationClaims.js";
import { deadReluFrozen, gdConservesC, gdDriftFormula, gdKeepsPathologicalSign, gdNeverDecreasesC, rescalingIdentity } from "./gdClaims.js";
import { linearFlowConservesMatrix, linearGdMatrixDrift, reluFlowConservesMatrix } from "./linearClaims.js";
import { gdCommutesWithRescaling, permutationPreservesFunction, rescalingPreservesFunction } from "./symmetryClaims.js";

export { polynomialActivationConservesC, tanhConservesC } from "./activationClaims.js";
export { deadReluFrozen, gdConservesC, gdDriftFormula, gdKeepsPathologicalSign, gdNeverDecreasesC, rescalingIdentity } from "./gdClaims.js";
export { linearFlowConservesMatrix, linearGdMatrixDrift, reluFlowConservesMatrix } from "./linearClaims.js";
export { gdCommutesWithRescaling, permutationPreservesFunction, rescalingPreservesFunction } from "./symmetryClaims.js";

/** The built-in claim library, theorems first, in the order `relutopo check --all` runs them. */
export const BUILTIN_CLAIMS: readonly Claim[] = [
  rescalingIdentity,
  gdDriftFormula,
  rescalingPreservesFunction,
  permutationPreservesFunction,
  linearFlowConservesMatrix,
  linearGdMatrixDrift,
  deadReluFrozen,
  gdConservesC,
  gdNeverDecreasesC,
  gdKeepsPathologicalSign,
  gdCommutesWithRescaling,
  reluFlowConservesMatrix,
  polynomialActivationConservesC,
  tanhConservesC,
] as readonly Claim[];
