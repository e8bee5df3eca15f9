import type { Command } from "commander";
import { InputError } from "../../errors.js";

/** The largest `--max-input-mib`: 4 GiB, about what Node reads into one buffer. */
const MAX_MIB = 4096;

/** Commands that read input files: they take `--max-input-mib`. */
const READERS = new Set(["invariants", "gd", "flow", "components", "obstruction", "inspect", "merge", "track"]);

/**
 * Adds `--max-input-mib <N>` to every command of `program` that reads input files: the size
 * limit of each file read (default 16 MiB), and with it the CSV limit of N/4 Mi cells.
 *
 * @param program - the `relutopo` program, its commands registered
 */
export function addMaxInputMibOption(program: Command): void {
  for (const cmd of program.commands)
    if (READERS.has(cmd.name()))
      cmd.option("--max-input-mib <N>", "refuse input files larger than N MiB, and CSVs of more than N/4 Mi cells (default 16)");
}

/**
 * Applies `--max-input-mib` of the command about to run (the default when absent).
 *
 * @param cmd - the command about to run
 * @returns when the limit is set
 * @throws InputError for a value that is not an integer in [1, 4096]
 */
export async function applyMaxInputMib(cmd: Command): Promise<void> {
  // loaded here, when a command runs, so that --help stays light
  const { setMaxInputBytes } = await import("../../io/inputLimits.js");
  const text = (cmd.opts() as { maxInputMib?: string }).maxInputMib;
  if (text === undefined) {
    setMaxInputBytes(undefined);
    return;
  }
  const mib = Number(text.trim());
  if (text.trim() === "" || !Number.isInteger(mib) || mib < 1 || mib > MAX_MIB)
    throw new InputError({ field: "maxInputMib", expected: `an integer number of MiB in [1, ${MAX_MIB}]`, value: text });
  setMaxInputBytes(mib * 1024 * 1024);
}
