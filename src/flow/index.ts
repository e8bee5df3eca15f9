export type { GradientDescentOptions, GradientDescentRun } from "./gradientDescent.js";
export { gradientDescent } from "./gradientDescent.js";
export type { FlowOptions, FlowRun, FlowEvent, FlowSample, FlowMethod } from "./integrateFlow.js";
export { integrateFlow, FLOW_METHODS, MIN_FLOW_DIGITS, MAX_FLOW_DIGITS } from "./integrateFlow.js";
export type { ButcherTableau } from "./gaussLegendreTableau.js";
export { gaussLegendreTableau } from "./gaussLegendreTableau.js";
export type { LayeredGradientDescentRun } from "./layeredGradientDescent.js";
export { layeredGradientDescent } from "./layeredGradientDescent.js";
