/**
 * Probability that a randomly initialised network has pathological neurons and
 * a disconnected invariant set (docs/theory.md §5): the regularised incomplete beta
 * at half-integer parameters to any precision, its exact closed forms, the
 * initialisation schemes, Monte Carlo for uniform schemes, and tables.
 */
export { incompleteBeta, GUARD_DIGITS, MAX_PROBABILITY_DIGITS, type IncompleteBetaOptions } from "./incompleteBeta.js";
export { incompleteBetaClosedForm, type IncompleteBetaClosedForm, type ClosedFormParts } from "./incompleteBetaClosedForm.js";
export { neuronLaw, INIT_SCHEMES, type InitScheme, type Initialisation, type NeuronLaw } from "./neuronLaw.js";
export { parseInitScheme } from "./parseInitScheme.js";
export { varianceRatio } from "./varianceRatio.js";
export {
  pathologicalProbability,
  MAX_DIMENSION,
  type PathologicalProbability,
  type PathologicalProbabilityOptions,
} from "./pathologicalProbability.js";
export { splitCase } from "./splitCase.js";
export {
  monteCarloProbability,
  DEFAULT_SAMPLES,
  MAX_SAMPLES,
  type MonteCarloCount,
  type MonteCarloOptions,
} from "./monteCarloProbability.js";
export { wilsonInterval, CONFIDENCE_LEVELS } from "./wilsonInterval.js";
export { binomialDistribution, MAX_DISTRIBUTION_WIDTH } from "./binomialDistribution.js";
export { probabilityReport, type ProbabilityReport, type ProbabilityReportOptions, type ProbabilityMethod } from "./probabilityReport.js";
export {
  probabilityTable,
  DEFAULT_TABLE_SAMPLES,
  MAX_TABLE_ROWS,
  type ProbabilityRow,
  type ProbabilityTableOptions,
} from "./probabilityTable.js";
export { probabilityRowsTable, PROBABILITY_COLUMNS } from "./probabilityRowsTable.js";
