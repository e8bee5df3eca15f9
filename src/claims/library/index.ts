import type { Claim } from "../claim.js";
import { polynomialActivationConservesC, tanhConservesC } from "./activationClaims.js";
import { deadReluFrozen, gdConservesC, gdDriftFormula, gdKeepsPathologicalSign, gdNeverDecreasesC, rescalingIdentity } from "./gdClaims.js";
import { sgdDriftIdentity, sgdMomentumConservesC, sgdMomentumDriftSecondOrder, weightDecayPreservesC } from "./sgdClaims.js";
import { linearFlowConservesMatrix, linearGdMatrixDrift, reluFlowConservesMatrix } from "./linearClaims.js";
import { gdCommutesWithRescaling, permutationPreservesFunction, rescalingPreservesFunction } from "./symmetryClaims.js";
import { componentConstantAlongFlow, flowConservesC, flowKeepsPathologicalSign, gaussConservesC } from "./flowClaims.js";
import {
  momentumFlowConservesC,
  momentumFlowIdentity,
  momentumKeepsPathologicalSign,
  weightDecayFlowConservesC,
  weightDecayFlowKeepsPathological,
  weightDecayFlowLaw,
} from "./dynamicsFlowClaims.js";
import { b0IsTwoToSplit, disconnectedAlwaysObstructs, effectiveEqualsComponents, strictEqualsEffective } from "./topologyClaims.js";
import { convGdDriftIdentity } from "./convClaims.js";
import { deepFlowConservesC, deepGdConservesC, deepGdDriftIdentity, deepLockedWeightKeepsSign } from "./deepClaims.js";

export { polynomialActivationConservesC, tanhConservesC } from "./activationClaims.js";
export { deadReluFrozen, gdConservesC, gdDriftFormula, gdKeepsPathologicalSign, gdNeverDecreasesC, rescalingIdentity } from "./gdClaims.js";
export { sgdDriftIdentity, sgdMomentumConservesC, sgdMomentumDriftSecondOrder, weightDecayPreservesC } from "./sgdClaims.js";
export type { SgdHyper } from "./sgdClaims.js";
export { linearFlowConservesMatrix, linearGdMatrixDrift, reluFlowConservesMatrix } from "./linearClaims.js";
export { gdCommutesWithRescaling, permutationPreservesFunction, rescalingPreservesFunction } from "./symmetryClaims.js";
export { componentConstantAlongFlow, flowConservesC, flowKeepsPathologicalSign, gaussConservesC } from "./flowClaims.js";
export {
  momentumFlowConservesC,
  momentumFlowIdentity,
  momentumKeepsPathologicalSign,
  weightDecayFlowConservesC,
  weightDecayFlowKeepsPathological,
  weightDecayFlowLaw,
} from "./dynamicsFlowClaims.js";
export { b0IsTwoToSplit, disconnectedAlwaysObstructs, effectiveEqualsComponents, strictEqualsEffective } from "./topologyClaims.js";
export { convGdDriftIdentity } from "./convClaims.js";
export { deepFlowConservesC, deepGdConservesC, deepGdDriftIdentity, deepLockedWeightKeepsSign } from "./deepClaims.js";

/** The built-in claim library, theorems first, in the order `relutopo check --all` runs them. */
export const BUILTIN_CLAIMS: readonly Claim[] = [
  rescalingIdentity,
  gdDriftFormula,
  sgdDriftIdentity,
  rescalingPreservesFunction,
  permutationPreservesFunction,
  linearFlowConservesMatrix,
  linearGdMatrixDrift,
  deadReluFrozen,
  b0IsTwoToSplit,
  flowConservesC,
  gaussConservesC,
  flowKeepsPathologicalSign,
  componentConstantAlongFlow,
  weightDecayFlowLaw,
  weightDecayFlowKeepsPathological,
  momentumFlowIdentity,
  deepGdDriftIdentity,
  deepLockedWeightKeepsSign,
  deepFlowConservesC,
  convGdDriftIdentity,
  gdConservesC,
  gdNeverDecreasesC,
  gdKeepsPathologicalSign,
  sgdMomentumConservesC,
  sgdMomentumDriftSecondOrder,
  weightDecayPreservesC,
  weightDecayFlowConservesC,
  momentumFlowConservesC,
  momentumKeepsPathologicalSign,
  gdCommutesWithRescaling,
  reluFlowConservesMatrix,
  polynomialActivationConservesC,
  tanhConservesC,
  effectiveEqualsComponents,
  strictEqualsEffective,
  disconnectedAlwaysObstructs,
  deepGdConservesC,
] as readonly Claim[];
