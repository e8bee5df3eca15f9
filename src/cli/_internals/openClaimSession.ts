import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ClaimVerdict } from "../../claims/checkClaim.js";
import { ConvergenceError, InputError } from "../../errors.js";
import type { CheckMessage, CheckRequest } from "./checkWorker.js";
import { type CheckRunOptions, loadClaimSource } from "./loadClaimSource.js";
import { errorFromData } from "./transferError.js";
import { runTimeLimit } from "../../work/runTimeLimit.js";
import { stopWord } from "./ctrlC.js";

/** Loaded claims, ready to check: their names, and a checker that runs them under a watchdog. */
export interface ClaimSession {
  /** The claims of the source, in its order. */
  readonly names: readonly string[];
  /**
   * Checks the named claims in turn and returns their verdicts.
   * @throws ConvergenceError when a claim projects past the cap, or is still running at the cap plus a margin
   */
  check(
    names: readonly string[],
    options: CheckRunOptions,
    onVerdict: (done: number) => void,
    signal?: AbortSignal,
  ): Promise<ClaimVerdict[]>;
  /** Ends the worker (after a refusal, or when done). */
  close(): void;
}

/**
 * Seconds the watchdog waits past the cap before it stops a claim: the case budget stops a
 * slow claim between cases on its own; the watchdog is for a case that never returns.
 */
function marginSeconds(cap: number): number {
  return Math.max(1, 0.1 * cap);
}

/**
 * Seconds a module may take to load, whatever the cap: starting the thread, relutopo,
 * fast-check and (for TypeScript) compiling the module take a second or two on a busy
 * machine, and none of it is the claims' work.
 */
const LOAD_FLOOR_SECONDS = 5;

/** The longest delay a Node timer holds, in ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function seconds(x: number): number {
  return Number(x.toPrecision(3));
}
/**
 * Opens the claims of `relutopo check` in a worker thread that the main thread can stop:
 * a claim's synchronous loop never yields, so no check between cases can end it, but
 * terminating its thread can. The module loads under the same watchdog. Without the
 * compiled worker beside this file (running from source under a TypeScript loader), the
 * claims run in this thread, unwatched.
 *
 * @param file - the claim module, or undefined for the built-in library
 * @param loadCapSeconds - the cap on loading the module (at least 5 s: starting the thread and compiling take time)
 * @returns the session
 * @throws InputError when the module cannot be loaded; ConvergenceError when loading runs past the cap
 * @internal
 */
export async function openClaimSession(file: string | undefined, loadCapSeconds: number): Promise<ClaimSession> {
  const workerPath = fileURLToPath(new URL("./checkWorker.js", import.meta.url));
  if (!existsSync(workerPath)) return inProcess(file);
  // No process warnings from the user's module (e.g. ES syntax in a .cjs file): every failure is one stderr line.
  const worker = new Worker(workerPath, { workerData: { file }, execArgv: ["--no-warnings"] });
  // What the thread posts next goes to whoever waits for it; an error, exit or watchdog ends the wait.
  let handler: ((m: CheckMessage) => void) | undefined;
  let fail: ((err: Error) => void) | undefined;
  let finished = false;
  // A failure while nobody waits (between loading and checking) fails the next wait at once.
  let broken: Error | undefined;
  const origin = file === undefined ? "the built-in claims" : `claim file \`${file}\``;
  const failed = (err: Error): void => {
    broken ??= err;
    fail?.(err);
  };
  worker.on("message", (m: CheckMessage) => {
    if (m.type === "error") failed(errorFromData(m.error));
    else handler?.(m);
  });
  worker.on("error", (err) => {
    const text = (err instanceof Error ? err.message : String(err)).split("\n")[0];
    failed(
      file === undefined
        ? new Error(`check: the built-in claims threw outside a case: ${text}`)
        : new InputError({
            field: "claim file",
            expected: "a module that throws only inside a case",
            value: file,
            note: `It threw outside any case: ${text}`,
          }),
    );
  });
  worker.on("exit", (code) => {
    // Node ends a thread with 13 when its module waits on a top-level await that nothing will settle.
    const why = code === 13 ? " (a top-level await that never settles?)" : "";
    if (!finished)
      failed(
        new InputError({
          field: origin,
          expected: "a module that lets its check finish",
          value: `exit code ${code}`,
          note: `It ended the process before its check was done${why}.`,
        }),
      );
  });
  const close = (): void => {
    finished = true;
    void worker.terminate();
  };
  /** Waits for messages until `step` returns a value, stopping the thread with `stop` after `limit` seconds. */
  const until = <T>(limit: number, stop: () => Error, step: (m: CheckMessage) => T | undefined): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (broken !== undefined) {
        close();
        reject(broken);
        return;
      }
      // Node's timers hold at most 2^31 − 1 ms (about 24.8 days; a longer delay fires at once):
      // a limit past that is no limit in practice, so it gets no timer.
      const ms = limit * 1000;
      const timer =
        ms < MAX_TIMER_MS
          ? setTimeout(() => {
              close();
              reject(stop());
            }, ms)
          : undefined;
      const settle = (): void => {
        clearTimeout(timer);
        handler = undefined;
        fail = undefined;
      };
      fail = (err) => {
        settle();
        close();
        reject(err);
      };
      handler = (m) => {
        const out = step(m);
        if (out === undefined) return;
        settle();
        resolve(out);
      };
    });
  const remedy = { field: "maxSeconds", change: "raise" };
  const loadLimit = Math.max(loadCapSeconds, LOAD_FLOOR_SECONDS);
  const names = await until(
    loadLimit + marginSeconds(loadLimit),
    () =>
      new ConvergenceError(
        "check",
        file === undefined ? "loading the built-in claims" : `loading \`${file}\``,
        `over its work cap at run time: still loading after ~${seconds(loadLimit + marginSeconds(loadLimit))} s (a module that does not finish loading?)`,
        remedy,
      ),
    (m) => (m.type === "loaded" ? m.names : undefined),
  );
  return {
    names,
    async check(selected, options, onVerdict, signal) {
      const verdicts: ClaimVerdict[] = [];
      let running = selected[0] ?? "";
      // Ctrl-C ends the thread at once and the wait with one line (exit 3), as the watchdog does.
      const onAbort = (): void =>
        fail?.(
          new ConvergenceError(
            "check",
            `claim \`${running}\``,
            `interrupted (${stopWord(signal?.reason)}) after ${verdicts.length} of ${selected.length} claims`,
          ),
        );
      signal?.addEventListener("abort", onAbort, { once: true });
      const request: CheckRequest = { names: [...selected], options };
      const cap = options.capSeconds;
      // The run-time limit is twice the cap (a busy machine slows a run); the watchdog waits a margin past it.
      const limit = runTimeLimit(cap);
      const done = until(
        limit + marginSeconds(limit),
        () =>
          new ConvergenceError(
            "check",
            `claim \`${running}\``,
            `over its work cap at run time: still running after ~${seconds(limit + marginSeconds(limit))} s, past twice the ~${seconds(cap)} s cap (a case that does not return?)`,
            remedy,
          ),
        (m) => {
          if (m.type === "start") running = m.name;
          else if (m.type === "verdict") {
            verdicts.push(m.verdict);
            onVerdict(verdicts.length);
          } else if (m.type === "done") return verdicts;
          return undefined;
        },
      );
      worker.postMessage(request);
      try {
        return await done;
      } finally {
        signal?.removeEventListener("abort", onAbort);
      }
    },
    close,
  };
}

/** The same session without a worker: the claims run in this thread. */
async function inProcess(file: string | undefined): Promise<ClaimSession> {
  const source = await loadClaimSource(file);
  return {
    names: source.names,
    async check(selected, options, onVerdict) {
      const verdicts: ClaimVerdict[] = [];
      await source.check(
        selected,
        options,
        () => {},
        (v) => {
          verdicts.push(v);
          onVerdict(verdicts.length);
        },
      );
      return verdicts;
    },
    close() {},
  };
}
