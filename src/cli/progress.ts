import { SingleBar, Presets } from "cli-progress";

/** A progress reporter; a no-op when nobody watches. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a terminal and not under CI; otherwise
 * nothing, so piped output and logs stay clean.
 */
export function progressBar(total: number, label: string): Progress {
  if (!process.stderr.isTTY || process.env.CI || total < 1) return { update() {}, stop() {} };
  const bar = new SingleBar(
    { format: `${label} [{bar}] {value}/{total} {eta_formatted}`, stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
