export type { RationalConstraints } from "./arbitraries/arbRational.js";
export { arbRational } from "./arbitraries/arbRational.js";
export type { ActivationKind } from "./arbitraries/arbActivation.js";
export { arbActivation, ALL_ACTIVATION_KINDS } from "./arbitraries/arbActivation.js";
export type { Problem, ProblemConstraints, SizeRange } from "./arbitraries/arbProblem.js";
export { arbProblem } from "./arbitraries/arbProblem.js";
export { arbNetwork } from "./arbitraries/arbNetwork.js";
export type { DeepProblem, DeepProblemConstraints } from "./arbitraries/arbDeepProblem.js";
export { arbDeepProblem } from "./arbitraries/arbDeepProblem.js";
export { arbLayeredNetwork } from "./arbitraries/arbLayeredNetwork.js";
export type { ConvProblem, ConvProblemConstraints } from "./arbitraries/arbConvProblem.js";
export { arbConvProblem } from "./arbitraries/arbConvProblem.js";
export { arbConvNetwork } from "./arbitraries/arbConvNetwork.js";
export type { DatasetConstraints } from "./arbitraries/arbDataset.js";
export { arbDataset } from "./arbitraries/arbDataset.js";
export type { InvariantVectorConstraints } from "./arbitraries/arbInvariantVector.js";
export { arbInvariantVector } from "./arbitraries/arbInvariantVector.js";
export type { PathologicalProblem, PathologicalConstraints } from "./arbitraries/arbPathologicalProblem.js";
export { arbPathologicalProblem } from "./arbitraries/arbPathologicalProblem.js";
export type { GdTrajectory, GdTrajectoryConstraints } from "./arbitraries/arbGdTrajectory.js";
export { arbGdTrajectory } from "./arbitraries/arbGdTrajectory.js";
export type { FlowTrajectory, FlowTrajectoryConstraints } from "./arbitraries/arbFlowTrajectory.js";
export { arbFlowTrajectory } from "./arbitraries/arbFlowTrajectory.js";
export type { Claim, ClaimArbitraries, ClaimTag, NamedArgsClaim } from "./claim.js";
export { defineClaim } from "./defineClaim.js";
export { isClaim } from "./isClaim.js";
export { claimProperty } from "./claimProperty.js";
export type { CheckClaimOptions, ClaimVerdict, ClaimPassed, ClaimRefuted, ClaimErrored } from "./checkClaim.js";
export { checkClaim } from "./checkClaim.js";
export { assertClaim } from "./assertClaim.js";
export { counterexampleJson } from "./counterexampleJson.js";
export { toJsonValue } from "./toJsonValue.js";
export { datasetCsv } from "./datasetCsv.js";
export { networkFile } from "./networkFile.js";
export type { SgdHyper } from "./library/index.js";
export {
  polynomialActivationConservesC,
  tanhConservesC,
  deadReluFrozen,
  gdConservesC,
  gdDriftFormula,
  gdKeepsPathologicalSign,
  gdNeverDecreasesC,
  rescalingIdentity,
  sgdDriftIdentity,
  sgdMomentumConservesC,
  sgdMomentumDriftSecondOrder,
  weightDecayPreservesC,
  linearFlowConservesMatrix,
  linearGdMatrixDrift,
  reluFlowConservesMatrix,
  gdCommutesWithRescaling,
  permutationPreservesFunction,
  rescalingPreservesFunction,
  componentConstantAlongFlow,
  flowConservesC,
  flowKeepsPathologicalSign,
  gaussConservesC,
  momentumFlowConservesC,
  momentumFlowIdentity,
  momentumKeepsPathologicalSign,
  weightDecayFlowConservesC,
  weightDecayFlowKeepsPathological,
  weightDecayFlowLaw,
  b0IsTwoToSplit,
  disconnectedAlwaysObstructs,
  effectiveEqualsComponents,
  strictEqualsEffective,
  deepFlowConservesC,
  deepGdConservesC,
  deepGdDriftIdentity,
  deepLockedWeightKeepsSign,
  convGdDriftIdentity,
  BUILTIN_CLAIMS,
} from "./library/index.js";
export { loadClaims } from "./loadClaims.js";
