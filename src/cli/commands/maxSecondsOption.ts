import type { Command } from "commander";

/** The default cap on the estimated running time of a command, in seconds. */
export const DEFAULT_MAX_SECONDS = 60;

/**
 * Adds `--max-seconds <S>` to a command that can run long: the command
 * estimates its work first and refuses, exit 2, what would take longer.
 *
 * @param cmd - the command
 * @param defaultSeconds - the cap without the option
 * @param on - what the seconds are measured on, for the help text
 * @returns the same command, for chaining
 */
export function addMaxSecondsOption(cmd: Command, defaultSeconds: number = DEFAULT_MAX_SECONDS, on = "on one laptop core"): Command {
  return cmd.option("--max-seconds <S>", `refuse work estimated to take more than S seconds ${on} (default ${defaultSeconds})`);
}
