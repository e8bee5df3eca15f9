import type { Command } from "commander";

/**
 * The default cap on the estimated running time of a command, in seconds: one hour. The
 * caps guard against runaway inputs (a width of 10^9, 10^5 digits), not ordinary work.
 */
export const DEFAULT_MAX_SECONDS = 3600;

/**
 * Adds `--max-seconds <S>` to a command that can run long: the command
 * estimates its work first and refuses, exit 2, what would take longer; at
 * run time it stops, exit 3, only once its projection passes twice S.
 *
 * @param cmd - the command
 * @param defaultSeconds - the cap without the option
 * @param on - what the seconds are measured on, for the help text
 * @returns the same command, for chaining
 */
export function addMaxSecondsOption(cmd: Command, defaultSeconds: number = DEFAULT_MAX_SECONDS, on = "on one laptop core"): Command {
  return cmd.option(
    "--max-seconds <S>",
    `refuse work estimated to take more than S seconds ${on} (default ${defaultSeconds}); a run stops once it projects past twice S`,
  );
}
