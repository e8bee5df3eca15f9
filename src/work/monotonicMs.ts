/**
 * Milliseconds on a monotonic clock (process.hrtime): the clock of the run-time budgets. Not
 * `performance.now()`, whose first use loads node:perf_hooks, milliseconds at the start of every
 * command that watches its run.
 *
 * @returns the current time in milliseconds, from an arbitrary origin
 * @example monotonicMs() > 0 // returns true
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
