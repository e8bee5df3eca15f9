/**
 * `npm run bench -- estimates`: for each long job whose estimate guards the work cap, the
 * estimate the command prints when refused (its up-front estimate, from the *Work.ts modules)
 * against the time of the same command run to the end, in one run, with the ratio. The
 * estimates aim at ±30 % on an idle 2-core machine.
 *
 * The estimates are of one core's time (of `--threads` cores for `reproduce`), so on a shared
 * machine the comparison is with CPU time, which other load inflates far less than wall time:
 * user + system seconds of the whole process (from /usr/bin/time), divided by the threads for
 * `reproduce` (its cells run in parallel; that is the wall time of an idle machine whose
 * threads stay busy). Wall time and the load average are printed beside it. Without
 * /usr/bin/time, wall time is compared.
 *
 * The four jobs of the estimates' promise: `reproduce` at the paper's full scale (about 15 min
 * on 2 idle cores; `--quick` runs the quick scale instead), `check --all`, `laws` on 300
 * parameters and `probability --distribution` at l = 100,000.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const TIME = "/usr/bin/time";
const UNITS: Record<string, number> = { s: 1, min: 60, h: 3600, days: 86_400, years: 365.25 * 86_400 };

/** The command's up-front estimate in seconds, read from its refusal under a tiny cap. */
function estimateSeconds(args: string[]): number {
  const r = spawnSync(process.execPath, [MAIN, ...args, "--max-seconds", "1e-9"], { encoding: "utf8" });
  const m = /Value: `~([\d.e+]+) (s|min|h|days|years) /.exec(r.stderr);
  if (m === null) throw new Error(`no estimate in: ${r.stderr}`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** Wall and CPU seconds (user + system, undefined without /usr/bin/time) of the whole command, run to the end with the cap out of the way. */
function actualSeconds(args: string[], dir: string): { wall: number; cpu: number | undefined } {
  const command = [MAIN, ...args, "--max-seconds", "1e9"];
  const timed = existsSync(TIME);
  const times = join(dir, "times.txt");
  const t0 = performance.now();
  const r = timed
    ? spawnSync(TIME, ["-f", "%U %S", "-o", times, process.execPath, ...command], { encoding: "utf8", maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, command, { encoding: "utf8", maxBuffer: 1 << 30 });
  const wall = (performance.now() - t0) / 1000;
  // exit 1 is a verdict (a claim that did not hold), reached after the whole run: it is timed as well
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  if (!timed) return { wall, cpu: undefined };
  const [user, system] = readFileSync(times, "utf8").trim().split(/\s+/).slice(-2).map(Number);
  return { wall, cpu: user! + system! };
}

const dir = mkdtempSync(join(tmpdir(), "relutopo-estimates-"));
const quick = process.argv.includes("--quick");
const threads = Math.min(2, availableParallelism());
// the shortest first: the full-scale reproduce comes last
const jobs: Array<{ label: string; args: string[]; threads: number }> = [
  { label: "laws on 300 parameters", args: ["laws", "--widths", "2,100,1"], threads: 1 },
  {
    label: "probability --distribution at l = 100,000",
    args: ["probability", "--init", "kaiming-normal", "--d-in", "3", "--width", "100000", "--distribution"],
    threads: 1,
  },
  { label: "check --all (100 cases each)", args: ["check", "--all"], threads: 1 },
  {
    label: quick ? "reproduce all --quick" : "reproduce all (full scale)",
    args: ["reproduce", "all", ...(quick ? ["--quick"] : []), "--threads", String(threads), "--out", join(dir, "r")],
    threads,
  },
];
console.log(
  `${availableParallelism()} cores, load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(
      ", ",
    )} at the start; compared: ${existsSync(TIME) ? "CPU seconds (user + system; per thread for reproduce)" : "wall seconds (no /usr/bin/time)"}`,
);
try {
  for (const job of jobs) {
    rmSync(join(dir, "r"), { recursive: true, force: true });
    const estimate = estimateSeconds(job.args);
    const { wall, cpu } = actualSeconds(job.args, dir);
    const actual = cpu === undefined ? wall : cpu / job.threads;
    const ratio = actual / estimate;
    const verdict = Math.abs(ratio - 1) <= 0.3 ? "within ±30 %" : "OUTSIDE ±30 %";
    const cpuText = cpu === undefined ? "" : `CPU ${cpu.toFixed(1)} s${job.threads > 1 ? ` (${actual.toFixed(1)} s per thread)` : ""}, `;
    console.log(
      `${job.label}: estimate ${estimate.toFixed(1)} s, ${cpuText}wall ${wall.toFixed(1)} s; actual/estimate ${ratio.toFixed(2)} (${verdict}; load ${loadavg()[0]!.toFixed(2)})`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
