export type { GradientDescentOptions, GradientDescentRun } from "./gradientDescent.js";
export { gradientDescent } from "./gradientDescent.js";
