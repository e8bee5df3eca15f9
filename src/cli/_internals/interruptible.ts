import { Script } from "node:vm";
import { ConvergenceError } from "../../errors.js";
import type { Progress } from "../progress.js";

/** The global through which the script below reaches the work; set only while it runs. */
const WORK = "__relutopoInterruptibleWork";

/** The one script that calls the work; compiled once. */
let script: Script | undefined;

/**
 * Runs a long synchronous computation (an integrator, exact gradient descent, the law
 * search) so that Ctrl-C stops it within moments. A synchronous loop never returns to the
 * event loop, so no `process.on("SIGINT")` handler can run until it ends; node:vm's
 * `breakOnSigint` instead ends the running script from a watchdog thread. The interruption
 * becomes a ConvergenceError (exit 3, one line) naming how far the work got, and nothing is
 * written since outputs are written only after the computation.
 *
 * SIGTERM cannot be caught inside such a loop: while the work runs, the process's SIGTERM
 * listeners are set aside so that SIGTERM ends it at once, as by default, instead of being
 * held until the loop ends.
 *
 * @param command - the command named in the line (`gd`, `laws`, …)
 * @param progress - the run's progress, for how far it got
 * @param work - the computation
 * @returns what the work returns
 * @throws ConvergenceError on Ctrl-C; whatever the work throws
 * @internal
 */
export function interruptible<T>(command: string, progress: Progress, work: () => T): T {
  const g = globalThis as Record<string, unknown>;
  script ??= new Script(`globalThis.${WORK}()`, { filename: "relutopo-interruptible" });
  const term = process.listeners("SIGTERM");
  process.removeAllListeners("SIGTERM");
  g[WORK] = work;
  try {
    return script.runInThisContext({ breakOnSigint: true }) as T;
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code !== "ERR_SCRIPT_EXECUTION_INTERRUPTED") throw err;
    throw new ConvergenceError(
      command,
      `${Number((100 * progress.fraction()).toPrecision(2))} % of the work; nothing was written`,
      "interrupted (Ctrl-C)",
    );
  } finally {
    delete g[WORK];
    for (const listener of term) process.on("SIGTERM", listener as NodeJS.SignalsListener);
  }
}
