import type { Register } from "../outcome.js";
import { registerCheck } from "./check.js";
import { registerComponents } from "./components.js";
import { registerObstruction } from "./obstruction.js";
import { registerDemo } from "./demo.js";
import { registerFlow } from "./flow.js";
import { registerGd } from "./gd.js";
import { registerInspect } from "./inspect.js";
import { registerInvariants } from "./invariants.js";
import { registerLaws } from "./laws.js";
import { registerMerge } from "./merge.js";
import { registerProbability } from "./probability.js";
import { registerReproduce } from "./reproduce.js";
import { registerTable } from "./table.js";
import { registerTrack } from "./track.js";

/**
 * Every subcommand of `relutopo`, in the order `--help` lists them. Each command file adds itself here.
 * A registration imports only commander and light constants; its action loads the rest when it runs.
 */
export const COMMANDS: readonly Register[] = [
  registerInspect,
  registerInvariants,
  registerTrack,
  registerGd,
  registerFlow,
  registerComponents,
  registerObstruction,
  registerProbability,
  registerLaws,
  registerTable,
  registerReproduce,
  registerMerge,
  registerCheck,
  registerDemo,
];
