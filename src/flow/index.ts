export type { GradientDescentOptions, GradientDescentRun } from "./gradientDescent.js";
export { gradientDescent } from "./gradientDescent.js";
export type {
  AdamSpec,
  OptimizerName,
  OptimizerOptions,
  OptimizerSpec,
  OptimizerStep,
  OptimizerStepper,
  SgdSpec,
} from "./optimizerSpec.js";
export { OPTIMIZERS, optimizerSpec } from "./optimizerSpec.js";
export { sgdStepper } from "./sgdStepper.js";
export { adamStepper } from "./adamStepper.js";
export type { MiniBatchOptions } from "./miniBatchRows.js";
export { miniBatchRows } from "./miniBatchRows.js";
export type {
  FlowOptions,
  FlowRun,
  FlowEvent,
  FlowSample,
  FlowMethod,
  FlowMomentum,
  FlowWeightDecay,
  FlowBiasFreeDecay,
} from "./integrateFlow.js";
export { integrateFlow, FLOW_METHODS, MIN_FLOW_DIGITS, MAX_FLOW_DIGITS } from "./integrateFlow.js";
export { assertFlowMagnitudes } from "./assertFlowMagnitudes.js";
export type { ButcherTableau } from "./gaussLegendreTableau.js";
export { gaussLegendreTableau } from "./gaussLegendreTableau.js";
