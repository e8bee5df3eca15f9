export { formatWork } from "./formatWork.js";
export { progressBudget } from "./progressBudget.js";
export { stepBudget } from "./stepBudget.js";
export { type WorkEstimate, workEstimate } from "./workEstimate.js";
