import { createRequire } from "node:module";
import type * as CliProgress from "cli-progress";

/** A progress reporter; a no-op when nobody watches. */
export interface Progress {
  update(done: number): void;
  stop(): void;
  /** The fraction of the work done at the last update, from 0 to 1 (drawn or not). */
  fraction(): number;
  /** Whether the work is estimated past a few seconds (a bar on a terminal; SIGTERM relayed to a synchronous computation). */
  readonly long: boolean;
}

/** Work estimated at most this many seconds gets no bar: it ends before a bar would help. */
const BAR_AFTER_SECONDS = 3;

/**
 * A progress bar with an ETA on stderr when the work is estimated past a few
 * seconds and stderr is a terminal not under CI; otherwise nothing, so short
 * runs, piped output and logs stay clean.
 *
 * @param total - the units of work (steps, cells, claims)
 * @param label - the command, shown before the bar
 * @param estimatedSeconds - the up-front estimate of the work (a bar only past a few seconds)
 */
export function progressBar(total: number, label: string, estimatedSeconds: number): Progress {
  let last = 0;
  const fraction = (): number => (total > 0 ? Math.min(1, Math.max(0, last / total)) : 0);
  const long = estimatedSeconds > BAR_AFTER_SECONDS;
  if (!process.stderr.isTTY || process.env.CI || total < 1 || !long)
    return {
      update(done) {
        last = done;
      },
      stop() {},
      fraction,
      long,
    };
  // loaded only when a bar is drawn: a short or piped run does not pay for it at start-up
  const { Presets, SingleBar } = createRequire(import.meta.url)("cli-progress") as typeof CliProgress;
  const bar = new SingleBar(
    { format: `${label} [{bar}] {value}/{total} ETA {eta_formatted}`, stream: process.stderr, hideCursor: true, etaBuffer: 50 },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update(done) {
      last = done;
      bar.update(done);
    },
    stop: () => bar.stop(),
    fraction,
    long,
  };
}
