/**
 * Reproductions of the paper's experiments: the toy obstruction, the breast-cancer sweep, the probability grids, and the
 * cells (units of work) that src/runner plans, runs and stores.
 */
export { rescaleToSign } from "./rescaleToSign.js";
export type {
  ExperimentName,
  Scale,
  ReproduceConfig,
  ToyConfig,
  BreastCancerConfig,
  ProbabilityConfig,
  OptimizersConfig,
  DeepConfig,
  ConvDigitsConfig,
  ConvDigitsRun,
  OptimizerRunConfig,
} from "./reproduceConfig.js";
export { reproduceConfig, EXPERIMENTS } from "./reproduceConfig.js";
export type { ToyStart } from "./toyProblem.js";
export { TOY_DATA, TOY_NETS, TOY_STARTS, TOY_OBSTRUCTED_FLOOR } from "./toyProblem.js";
export type { ToyGdCell, ToyPoint } from "./toyGradientDescent.js";
export { toyGradientDescent } from "./toyGradientDescent.js";
export type { ToyFlowCell } from "./toyFlow.js";
export { toyFlow } from "./toyFlow.js";
export type { ToyTopology } from "./toyTopology.js";
export { toyTopology } from "./toyTopology.js";
export type { LabelledData } from "./readBreastCancer.js";
export { readBreastCancer, BREAST_CANCER_CSV } from "./readBreastCancer.js";
export type { StandardisedSplit } from "./splitAndStandardise.js";
export { splitAndStandardise } from "./splitAndStandardise.js";
export type { BreastCancerRun, BreastCancerCell } from "./breastCancerCell.js";
export { breastCancerCell } from "./breastCancerCell.js";
export { defaultInit } from "./defaultInit.js";
export type { DeepCell } from "./deepCell.js";
export { deepCell } from "./deepCell.js";
export type { DeepSummary } from "./deepSummary.js";
export type { ConvDigitsCell, ConvDigitsChannel } from "./convDigitsCell.js";
export { convDigitsCell } from "./convDigitsCell.js";
export type { ConvDigitsSummary } from "./convDigitsSummary.js";
export { convDigitsSummary } from "./convDigitsSummary.js";
export { readDigits, DIGITS_CSV } from "./readDigits.js";
export { deepSummary } from "./deepSummary.js";
export type { ProbabilityCell } from "./probabilityCell.js";
export { probabilityCell } from "./probabilityCell.js";
export { breastCancerSplit } from "./breastCancerSplit.js";
export type { ToyCells, ToyResults, ToyStartResults, ToySummary } from "./toySummary.js";
export { toySummary } from "./toySummary.js";
export type { BreastCancerGroup, BreastCancerSummary, MeanSe, PairedEffect } from "./breastCancerSummary.js";
export { breastCancerSummary } from "./breastCancerSummary.js";
export type { ProbabilityAnchor, ProbabilityCorners, ProbabilitySummary } from "./probabilitySummary.js";
export { probabilitySummary } from "./probabilitySummary.js";
export type { RunSummary } from "./summariseRun.js";
export { summariseRun } from "./summariseRun.js";
export type { OptimizerRunResult, OptimizerToyCell } from "./optimizerToyCell.js";
export { optimizerToyCell } from "./optimizerToyCell.js";
export type { OptimizerBreastCancerCell } from "./optimizerBreastCancerCell.js";
export { optimizerBreastCancerCell } from "./optimizerBreastCancerCell.js";
export type { OptimizersSummary, OptimizerToyResult, OptimizerBreastCancerResult, PathologicalFate } from "./optimizersSummary.js";
export { optimizersSummary } from "./optimizersSummary.js";
