import { spawnSync } from "node:child_process";
import { Console } from "node:console";
import { isMainThread } from "node:worker_threads";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect } from "vitest";

const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** What a `relutopo` run printed and returned. */
export interface CliResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

/**
 * Spawns the built `relutopo` (dist/, made by `npm test`'s pretest build) with `args`.
 * For tests of what only a process shows: its exit code as the shell sees it, signals,
 * start-up, timers or threads left behind, stdin. Everything else runs faster through
 * {@link runCliInProcess}.
 */
export function runCli(args: string[], options: { cwd?: string; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: "utf8",
    cwd: options.cwd,
    input: options.input,
    env: { ...process.env, CI: "true" },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

type Main = (argv: readonly string[]) => Promise<number>;
let loaded: Promise<Main> | undefined;
/** The built CLI's `main`, loaded once per test file: the same modules a spawned `relutopo` runs. */
const builtMain = (): Promise<Main> => {
  loaded ??= import(pathToFileURL(MAIN).href).then((m: { main: Main }) => m.main);
  return loaded;
};

/** Runs one after another: a run swaps process-wide things (stdout, cwd, env) that two runs cannot share. */
let queue: Promise<unknown> = Promise.resolve();

/** Appends a chunk `write` was given, as text, to `sink`, and calls the callback a stream write may carry. */
function writer(sink: string[]): (chunk: string | Uint8Array, ...rest: unknown[]) => boolean {
  return (chunk, ...rest) => {
    sink.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    done?.();
    return true;
  };
}

/**
 * Runs the built `relutopo` with `args` inside this process, as {@link runCli} does in a
 * child: `main` gets the argv a spawned `relutopo` gets, with `CI` set and the working
 * directory `cwd`, and its stdout, stderr (including `console`) and exit code are
 * captured; nothing it prints reaches the test's output. Saves the start-up of a process
 * (about 0.2 s) per run. `main` never calls `process.exit`; it returns the code that
 * `dist/cli/main.js` exits with.
 *
 * Runs are serialised within a file. Needs the forks pool (the main thread of a process)
 * for `cwd`: worker threads cannot change directory.
 */
export function runCliInProcess(args: string[], options: { cwd?: string } = {}): Promise<CliResult> {
  const run = queue.then(async (): Promise<CliResult> => {
    const main = await builtMain();
    const out: string[] = [];
    const err: string[] = [];
    const saved = {
      stdout: process.stdout.write,
      stderr: process.stderr.write,
      console: globalThis.console,
      cwd: process.cwd(),
      ci: process.env.CI,
    };
    process.stdout.write = writer(out) as typeof process.stdout.write;
    process.stderr.write = writer(err) as typeof process.stderr.write;
    globalThis.console = new Console({ stdout: process.stdout, stderr: process.stderr, colorMode: false });
    process.env.CI = "true";
    try {
      if (options.cwd !== undefined) {
        if (!isMainThread) throw new Error("runCliInProcess: cwd needs the forks pool (worker threads cannot chdir)");
        process.chdir(options.cwd);
      }
      const status = await main([process.execPath, MAIN, ...args]);
      return { stdout: out.join(""), stderr: err.join(""), status };
    } finally {
      process.stdout.write = saved.stdout;
      process.stderr.write = saved.stderr;
      globalThis.console = saved.console;
      process.chdir(saved.cwd);
      if (saved.ci === undefined) delete process.env.CI;
      else process.env.CI = saved.ci;
    }
  });
  queue = run.catch(() => {});
  return run;
}

/**
 * The contract for bad input, shared by every CLI test: exit code 2, nothing
 * on stdout, exactly one line on stderr starting with "relutopo: ", no stack trace.
 */
export function expectBadInput(r: CliResult): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^relutopo: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
}
