import { createRequire } from "node:module";
import type * as Os from "node:os";
import type * as WorkerThreads from "node:worker_threads";

/** Cells shared with the relay thread: its state, whether it relays, and the signal it relayed. */
const STATE = 0;
const ARMED = 1;
const RELAYED = 2;
/** STATE: still starting, listening, or unable to listen (this Node offers no signal handle to a worker). */
const STARTING = 0;
const LISTENING = 1;

/** How long the command waits for the relay to listen before its computation starts anyway (a thread starts in tens of milliseconds, in a second on a loaded machine). */
const READY_MS = 3000;

/**
 * The relay thread. A worker's `process.on("SIGTERM")` never fires (Node delivers signals to
 * the main thread's listeners only), so it opens libuv signal handles itself through the
 * `signal_wrap` binding; its own event loop turns while the main thread computes. A signal
 * then becomes a SIGINT to the process, which node:vm's `breakOnSigint` watchdog turns into an
 * interruption of the running script. `noDeprecation`: `process.binding` is deprecated only
 * in documentation, and a warning would be a second line on stderr.
 */
const SOURCE = `"use strict";
const { workerData: cells } = require("node:worker_threads");
const { constants } = require("node:os");
process.noDeprecation = true;
const handles = [];
let state = ${LISTENING};
try {
  const { Signal } = process.binding("signal_wrap");
  for (const name of ["SIGTERM", "SIGHUP"]) {
    const handle = new Signal();
    handles.push(handle);
    handle.onsignal = (signum) => {
      if (Atomics.load(cells, ${ARMED}) === 1 && Atomics.compareExchange(cells, ${RELAYED}, 0, signum) === 0) process.kill(process.pid, "SIGINT");
    };
    if (handle.start(constants.signals[name]) !== 0) throw new Error(name);
  }
} catch {
  for (const handle of handles) handle.close();
  state = 2;
}
Atomics.store(cells, ${STATE}, state);
Atomics.notify(cells, ${STATE});
`;

/** The relay of one computation; see {@link signalRelay}. @internal */
export interface SignalRelay {
  /** Stops relaying and ends the relay thread; returns the signal it relayed, if any. */
  stop(): "SIGTERM" | "SIGHUP" | undefined;
}

/**
 * Relays SIGTERM and SIGHUP to a long synchronous computation that runs under node:vm's
 * `breakOnSigint`, which only SIGINT can stop: a thread of its own listens for them and sends
 * SIGINT to the process, so a polite kill ends the computation as Ctrl-C does (one line, exit 3)
 * instead of killing the process without a word. The thread lives only as long as the
 * computation (it would otherwise swallow the signals of a process that imports the CLI), and
 * it is started only for work estimated past a few seconds: starting it takes tens of
 * milliseconds. It waits until the thread listens (or up to 3 s on an overloaded machine; a
 * signal before then ends the process by default, as it did without a relay).
 *
 * @returns the running relay, or undefined when this Node cannot listen for signals in a thread
 * @internal
 */
export function signalRelay(): SignalRelay | undefined {
  // loaded here, for long work only: importing them costs every short command milliseconds at start-up
  const require = createRequire(import.meta.url);
  const { Worker } = require("node:worker_threads") as typeof WorkerThreads;
  const { constants } = require("node:os") as typeof Os;
  const cells = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  cells[ARMED] = 1;
  const worker = new Worker(SOURCE, { eval: true, workerData: cells, stdout: true, stderr: true });
  worker.unref();
  // a failure of the thread leaves the command as it was without a relay
  worker.on("error", () => {});
  Atomics.wait(cells, STATE, STARTING, READY_MS);
  let running = true;
  const stop = (): "SIGTERM" | "SIGHUP" | undefined => {
    Atomics.store(cells, ARMED, 0);
    if (running) void worker.terminate();
    running = false;
    const signum = Atomics.load(cells, RELAYED);
    return signum === 0 ? undefined : signum === constants.signals.SIGHUP ? "SIGHUP" : "SIGTERM";
  };
  if (Atomics.load(cells, STATE) > LISTENING) {
    stop();
    return undefined;
  }
  return { stop };
}
