export { formatWork } from "./formatWork.js";
export { stepBudget } from "./stepBudget.js";
export { type WorkEstimate, workEstimate } from "./workEstimate.js";
