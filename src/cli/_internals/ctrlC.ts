/** The signals that stop a command: Ctrl-C (SIGINT), a polite kill (SIGTERM) and a closed terminal (SIGHUP). */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** An abort signal raised by Ctrl-C, SIGTERM or SIGHUP while a command's work runs; `dispose` gives the signals back. */
export interface CtrlC {
  readonly signal: AbortSignal;
  dispose(): void;
}

/**
 * Catches Ctrl-C (SIGINT), SIGTERM and SIGHUP while a command whose work runs off the main thread
 * (worker threads) is under way: the signal aborts, the work stops where it is and throws a
 * ConvergenceError naming where it stopped (exit 3, "could not finish"), so the command ends
 * with one line instead of being killed mid-write. The abort reason is the signal's name.
 * Once disposed, the entry point's handler (main.ts: one line, exit 3) takes the signals again.
 *
 * @returns the signal and its disposer
 * @internal
 */
export function ctrlC(): CtrlC {
  const controller = new AbortController();
  const onStop = (name: NodeJS.Signals): void => controller.abort(name);
  for (const name of STOP_SIGNALS) process.on(name, onStop);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of STOP_SIGNALS) process.off(name, onStop);
    },
  };
}

/**
 * How a stop signal is named in the one line that reports it: `Ctrl-C` for SIGINT (what
 * the user pressed), the signal's name (`SIGTERM`, `SIGHUP`) otherwise.
 *
 * @param reason - the signal's name, as {@link ctrlC} aborts with it
 * @internal
 */
export function stopWord(reason: unknown): string {
  return reason === "SIGTERM" || reason === "SIGHUP" ? reason : "Ctrl-C";
}
