/** An abort signal raised by Ctrl-C while a command's work runs; `dispose` restores the default. */
export interface CtrlC {
  readonly signal: AbortSignal;
  dispose(): void;
}

/**
 * Catches Ctrl-C (SIGINT) while a command whose work runs off the main thread (worker
 * threads) is under way: the signal aborts, the work stops where it is and throws a
 * ConvergenceError naming where it stopped (exit 3, "could not finish"), so the command ends
 * with one line instead of being killed mid-write. Disposed when the work ends, Ctrl-C
 * kills the process as usual again.
 *
 * @returns the signal and its disposer
 * @internal
 */
export function ctrlC(): CtrlC {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.on("SIGINT", onSigint);
  return { signal: controller.signal, dispose: () => process.off("SIGINT", onSigint) };
}
