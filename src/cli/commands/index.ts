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
 * Every subcommand of `relutopo` by name, in the order `--help` lists them. Each command file adds itself here.
 * A registration imports only commander and light constants; its action loads the rest when it runs.
 */
export const COMMANDS: Readonly<Record<string, Register>> = {
  inspect: registerInspect,
  invariants: registerInvariants,
  track: registerTrack,
  gd: registerGd,
  flow: registerFlow,
  components: registerComponents,
  obstruction: registerObstruction,
  probability: registerProbability,
  laws: registerLaws,
  table: registerTable,
  reproduce: registerReproduce,
  merge: registerMerge,
  check: registerCheck,
  demo: registerDemo,
};
