export { strictOrbitCount } from "./strictOrbitCount.js";
export { effectiveComponentCount } from "./effectiveComponentCount.js";
export type { ObstructionVerdict } from "./obstruction.js";
export { obstruction } from "./obstruction.js";
export type { ComponentsReport } from "./componentsReport.js";
export { componentsReport } from "./componentsReport.js";
export { componentsTable } from "./componentsTable.js";
