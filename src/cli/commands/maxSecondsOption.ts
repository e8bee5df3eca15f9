import type { Command } from "commander";

/** The default cap on the estimated running time of a command, in seconds. */
export const DEFAULT_MAX_SECONDS = 60;

/**
 * The default cap of `relutopo reproduce`, in seconds of wall time: a full run (the paper's
 * sizes, the command's default) is meant to take minutes (~13 min on one core, resumable), so
 * it runs as typed; what the cap still refuses is a run estimated past half an hour.
 */
export const DEFAULT_REPRODUCE_MAX_SECONDS = 1800;

/**
 * Adds `--max-seconds <S>` to a command that can run long: the command
 * estimates its work first and refuses, exit 2, what would take longer.
 *
 * @param cmd - the command
 * @param defaultSeconds - the cap without the option (reproduce has its own)
 * @param on - what the seconds are measured on, for the help text
 * @returns the same command, for chaining
 */
export function addMaxSecondsOption(cmd: Command, defaultSeconds: number = DEFAULT_MAX_SECONDS, on = "on one laptop core"): Command {
  return cmd.option("--max-seconds <S>", `refuse work estimated to take more than S seconds ${on} (default ${defaultSeconds})`);
}
