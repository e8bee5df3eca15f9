import type { Command } from "commander";
import { registerDemo } from "./demo.js";
import { registerGd } from "./gd.js";
import { registerInvariants } from "./invariants.js";
import { registerTable } from "./table.js";

/** Every subcommand of `relutopo`, in the order `--help` lists them. Each command file adds itself here. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [registerInvariants, registerGd, registerTable, registerDemo];
