import type { Command } from "commander";
import { registerCheck } from "./check.js";
import { registerComponents } from "./components.js";
import { registerObstruction } from "./obstruction.js";
import { registerDemo } from "./demo.js";
import { registerFlow } from "./flow.js";
import { registerGd } from "./gd.js";
import { registerInvariants } from "./invariants.js";
import { registerLaws } from "./laws.js";
import { registerMerge } from "./merge.js";
import { registerProbability } from "./probability.js";
import { registerReproduce } from "./reproduce.js";
import { registerTable } from "./table.js";

/** Every subcommand of `relutopo`, in the order `--help` lists them. Each command file adds itself here. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [registerInvariants, registerGd, registerFlow, registerComponents, registerObstruction, registerProbability, registerLaws, registerTable, registerReproduce, registerMerge, registerCheck, registerDemo];
