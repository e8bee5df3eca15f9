/**
 * How far past its cap a run may project before it is stopped. The cap refuses work up
 * front from an estimate made for an idle core; at run time a busy machine (other
 * processes on the same cores) slows every step, which is not a runaway run, so the
 * run-time guards stop a command only once its projection passes this multiple of the cap.
 */
export const OVERRUN_FACTOR = 2;

/**
 * The projected total time, in seconds, past which a running command is stopped: twice its cap.
 *
 * @param capSeconds - the cap of `--max-seconds` (or the default), in seconds
 * @returns the run-time limit in seconds
 * @example runTimeLimit(60) // returns 120
 */
export function runTimeLimit(capSeconds: number): number {
  return OVERRUN_FACTOR * capSeconds;
}
