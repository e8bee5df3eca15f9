import type { Register } from "../../outcome.js";
import { registerComponentsTable } from "./components.js";
import { registerLawsTable } from "./laws.js";
import { registerProbabilityTable } from "./probability.js";

/** Every `relutopo table <name>` subcommand. Each table file adds itself here. */
export const TABLES: readonly Register[] = [registerComponentsTable, registerProbabilityTable, registerLawsTable];
