import { Script } from "node:vm";
import { ConvergenceError } from "../../errors.js";
import type { Progress } from "../progress.js";
import { signalRelay } from "./signalRelay.js";

/** The signals a relay turns into Ctrl-C. */
const RELAYED = ["SIGTERM", "SIGHUP"] as const;

/** The global through which the script below reaches the work; set only while it runs. */
const WORK = "__relutopoInterruptibleWork";

/** The one script that calls the work; compiled once. */
let script: Script | undefined;

/**
 * Runs a long synchronous computation (an integrator, exact gradient descent, the law
 * search) so that Ctrl-C, SIGTERM and SIGHUP stop it within moments. A synchronous loop never
 * returns to the event loop, so no `process.on(…)` handler can run until it ends; node:vm's
 * `breakOnSigint` instead ends the running script from a watchdog thread, on SIGINT only. For
 * work estimated past a few seconds a relay thread (`signalRelay`) turns SIGTERM and SIGHUP
 * into that SIGINT. The interruption becomes a ConvergenceError (exit 3, one line) naming the
 * signal and how far the work got, and nothing is written since outputs are written only after
 * the computation.
 *
 * While relayed work runs, the process's own SIGTERM and SIGHUP listeners are set aside (they
 * would report the signal a second time once the loop ends). Short work keeps them: a signal
 * is then answered by them, with one line, as soon as the work (a few seconds at most) ends.
 * Should no relay start, SIGTERM and SIGHUP end the process at once, by default.
 *
 * @param command - the command named in the line (`gd`, `laws`, …)
 * @param progress - the run's progress, for how far it got and whether the work is long
 * @param work - the computation
 * @returns what the work returns
 * @throws ConvergenceError on Ctrl-C, SIGTERM or SIGHUP; whatever the work throws
 * @internal
 */
export function interruptible<T>(command: string, progress: Progress, work: () => T): T {
  const g = globalThis as Record<string, unknown>;
  script ??= new Script(`globalThis.${WORK}()`, { filename: "relutopo-interruptible" });
  const relay = progress.long ? signalRelay() : undefined;
  // relayed or not, long work sets the signals' listeners aside: without a relay they would hold the signal for as long as the work runs
  const setAside = progress.long ? RELAYED.map((name) => ({ name, listeners: process.listeners(name) })) : [];
  for (const { name } of setAside) process.removeAllListeners(name);
  g[WORK] = work;
  try {
    return script.runInThisContext({ breakOnSigint: true }) as T;
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code !== "ERR_SCRIPT_EXECUTION_INTERRUPTED") throw err;
    const signal = relay?.stop();
    throw new ConvergenceError(
      command,
      `${Number((100 * progress.fraction()).toPrecision(2))} % of the work; nothing was written`,
      `interrupted (${signal ?? "Ctrl-C"})`,
    );
  } finally {
    relay?.stop();
    delete g[WORK];
    for (const { name, listeners } of setAside) for (const listener of listeners) process.on(name, listener as NodeJS.SignalsListener);
  }
}
