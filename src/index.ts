/**
 * relutopo: exact conservation laws and invariant-set topology of gradient
 * flow in homogeneous (ReLU-type) networks.
 *
 * The root holds what the README and docs/api.md show, each name chosen here
 * (docs/api.md lists exactly these, and a test keeps the two equal): reading a
 * network, exact numbers, invariants, topology and components, the obstruction,
 * its probability, conservation laws, the flow and gradient descent, claims and
 * their arbitraries, and the errors. Everything else of a layer (kernels,
 * experiments, report builders, tables) is reached through its subpath,
 * `relutopo/net`, `relutopo/flow`, … (package.json "exports").
 */
export { ConvergenceError, InputError, InternalError, PathError, ShapeError } from "./errors.js";
export type { Rational, Scalar } from "./scalar/index.js";
export { decimal, exact, float } from "./scalar/index.js";
export type { Activation, Dataset, Layer, LayeredNetwork } from "./net/index.js";
export {
  datasetIn,
  forward,
  loss,
  lossAndGradient,
  networkIn,
  readAnyNetwork,
  readAnyNetworkFile,
  readDataset,
  readExactNetwork,
  readNetwork,
} from "./net/index.js";
export { linearLayerInvariants, neuronInvariants } from "./invariants/index.js";
export type { FlowMethod, FlowOptions, FlowRun, GradientDescentOptions, GradientDescentRun } from "./flow/index.js";
export { gradientDescent, integrateFlow } from "./flow/index.js";
export type { DeepTopology, LockedWeight, QuadricDims, SplitNeurons } from "./topology/index.js";
export {
  bettiNumbers,
  componentCount,
  deepTopology,
  formatPolynomial,
  lockedWeights,
  poincareFactors,
  signCounts,
  splitNeurons,
} from "./topology/index.js";
export type { ComponentsReport, NetworkInspection, ObstructionVerdict } from "./symmetry/index.js";
export {
  componentsReport,
  deadNeurons,
  effectiveComponentCount,
  inspectNetwork,
  obstruction,
  strictOrbitCount,
} from "./symmetry/index.js";
export type { InitScheme, Initialisation, ProbabilityReport } from "./probability/index.js";
export {
  INIT_SCHEMES,
  incompleteBeta,
  incompleteBetaClosedForm,
  pathologicalProbability,
  probabilityReport,
  probabilityTable,
} from "./probability/index.js";
export type { ConservationLawsReport, Law, LawArchitecture, LawsReport } from "./laws/index.js";
export {
  conservationLaws,
  knownLawCount,
  lawArchitecture,
  lawsReport,
  momentumLaws,
} from "./laws/index.js";
export type { CheckClaimOptions, Claim, ClaimVerdict } from "./claims/index.js";
export {
  BUILTIN_CLAIMS,
  arbActivation,
  arbConvNetwork,
  arbConvProblem,
  arbDataset,
  arbDeepProblem,
  arbFlowTrajectory,
  arbGdTrajectory,
  arbInvariantVector,
  arbLayeredNetwork,
  arbNetwork,
  arbPathologicalProblem,
  arbProblem,
  arbRational,
  assertClaim,
  checkClaim,
  claimProperty,
  defineClaim,
  loadClaims,
} from "./claims/index.js";
