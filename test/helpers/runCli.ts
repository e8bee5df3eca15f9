import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** What a `relutopo` run printed and returned. */
export interface CliResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Spawns the built `relutopo` (dist/, made by `npm test`'s pretest build) with `args`. */
export function runCli(args: string[], options: { cwd?: string; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: "utf8",
    cwd: options.cwd,
    input: options.input,
    env: { ...process.env, CI: "true" },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
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
