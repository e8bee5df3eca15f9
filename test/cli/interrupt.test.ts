import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// Ctrl-C (SIGINT), SIGTERM and SIGHUP as a user sends them, to the built program: a long synchronous
// computation (an exact or float loop, the Taylor integrator) and a run in a worker thread each
// stop within moments with one line and exit 3, writing nothing. `reproduce`'s Ctrl-C and resume
// are in reproduce.test.ts.
const root = fileURLToPath(new URL("../..", import.meta.url));
const MAIN = join(root, "dist/cli/main.js");
const tmp = mkdtempSync(join(tmpdir(), "relutopo-interrupt-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** CPU seconds a process has used so far (Linux /proc), or undefined where /proc is not there. */
function cpuSeconds(pid: number): number | undefined {
  try {
    // the fields after the command name, which is in parentheses; utime and stime are the 12th and 13th
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

interface Stopped {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Seconds from the signal to the end of the process. */
  seconds: number;
}

/**
 * Runs `relutopo args`, sends `signal` once it has worked `busy` CPU seconds (start-up and
 * loading take well under that, even on a loaded machine, where wall time would not say when the
 * computation has begun), and waits for it to end; killed after 20 s if the signal did not stop it.
 */
function stopWhileBusy(args: string[], signal: NodeJS.Signals, busy: number): Promise<Stopped> {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: root, env: { ...process.env, CI: "true" } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  let sentAt = 0;
  const started = performance.now();
  const poll = setInterval(() => {
    const used = cpuSeconds(child.pid!);
    if (sentAt === 0 && (used === undefined ? performance.now() - started > 3000 : used >= busy)) {
      sentAt = performance.now();
      child.kill(signal);
    }
  }, 25);
  const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
  return new Promise((resolve) => {
    child.on("close", (status, sig) => {
      clearInterval(poll);
      clearTimeout(guard);
      resolve({ status, signal: sig, stdout, stderr, seconds: sentAt === 0 ? Number.NaN : (performance.now() - sentAt) / 1000 });
    });
  });
}

const TOY = ["--net", "examples/toy.json", "--data", "examples/toy.csv"];
/** Generous: the stop itself takes milliseconds; a loaded machine delays the process's exit. */
const STOPS_WITHIN_SECONDS = 3;

describe("Ctrl-C, SIGTERM and SIGHUP", () => {
  it("should stop float gradient descent (a synchronous loop) on Ctrl-C with one line and exit 3", async () => {
    // Act: two million float steps take tens of seconds
    const r = await stopWhileBusy(
      ["gd", ...TOY, "--lr", "1/20", "--steps", "2000000", "--arith", "float", "--max-seconds", "1e9"],
      "SIGINT",
      1,
    );
    // Assert
    expect(r.signal).toBeNull();
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^relutopo: gd: interrupted \(Ctrl-C\) at [\d.e-]+ % of the work; nothing was written\n$/);
    expect(r.seconds).toBeLessThan(STOPS_WITHIN_SECONDS);
  });

  it("should stop float gradient descent on SIGTERM as on Ctrl-C: one line naming the signal, exit 3", async () => {
    // Act: SIGTERM cannot break a synchronous loop by itself; a relay thread turns it into the SIGINT that does
    const r = await stopWhileBusy(
      ["gd", ...TOY, "--lr", "1/20", "--steps", "2000000", "--arith", "float", "--max-seconds", "1e9"],
      "SIGTERM",
      1,
    );
    // Assert: not killed by the signal, but ended by the command itself
    expect(r.signal).toBeNull();
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^relutopo: gd: interrupted \(SIGTERM\) at [\d.e-]+ % of the work; nothing was written\n$/);
    expect(r.seconds).toBeLessThan(STOPS_WITHIN_SECONDS);
  });

  it("should stop the Taylor integrator on Ctrl-C with one line and exit 3", async () => {
    // Act: 60 digits to t = 100 take far longer than the second it is given
    const r = await stopWhileBusy(
      ["flow", "--net", "bench/flow/net.json", "--data", "bench/flow/data.csv", "--time", "100", "--digits", "60", "--max-seconds", "1e9"],
      "SIGINT",
      1,
    );
    // Assert
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^relutopo: flow: interrupted \(Ctrl-C\) at [\d.e-]+ % of the work; nothing was written\n$/);
    expect(r.seconds).toBeLessThan(STOPS_WITHIN_SECONDS);
  });

  it.each([
    ["SIGINT", "Ctrl-C"],
    ["SIGHUP", "SIGHUP"],
  ] as const)("should leave no file behind when %s stops a command that writes one", async (signal, named) => {
    // Arrange: a heat map written after a long Monte Carlo table
    const plot = join(tmp, `heat-${signal}.svg`);
    // Act
    const r = await stopWhileBusy(
      [
        "table",
        "probability",
        "--init",
        "kaiming-uniform",
        "--d-in",
        "1..4",
        "--width",
        "1..4",
        "--samples",
        "5000000",
        "--plot",
        plot,
        "--max-seconds",
        "1e9",
      ],
      signal,
      1,
    );
    // Assert: one line naming the signal, no heat map, and no temporary file beside it
    expect(r.signal).toBeNull();
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(
      new RegExp(`^relutopo: table probability: interrupted \\(${named}\\) at [\\d.e-]+ % of the work; nothing was written\n$`),
    );
    expect(r.seconds).toBeLessThan(STOPS_WITHIN_SECONDS);
    expect(existsSync(plot)).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("should stop check (claims in a worker thread) on SIGTERM with one line and exit 3", async () => {
    // Act: the whole library at 100 cases takes a minute or more; loading it takes about a second
    const r = await stopWhileBusy(["check", "--all", "--max-seconds", "1e9"], "SIGTERM", 3);
    // Assert
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^relutopo: check: interrupted \(SIGTERM\) after \d+ of \d+ claims at claim `[a-z0-9-]+`\n$/);
    expect(r.seconds).toBeLessThan(STOPS_WITHIN_SECONDS);
  });
});
