/**
 * `npm run bench -- estimates`: for each long job whose estimate guards the work cap, the
 * estimate the command prints when refused (its up-front estimate, from the *Work.ts
 * modules) against the wall time of the same command run to the end, in one run. The
 * estimates aim at ±30 % on an idle 2-core machine; the load average is printed, since a
 * busy machine inflates the actual times (the run-time guards allow up to twice the cap).
 * `--full` adds the paper's full-scale `reproduce` (minutes); without it the quick scale runs.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const UNITS: Record<string, number> = { s: 1, min: 60, h: 3600, days: 86_400, years: 365.25 * 86_400 };

/** The command's up-front estimate in seconds, read from its refusal under a tiny cap. */
function estimateSeconds(args: string[]): number {
  const r = spawnSync(process.execPath, [MAIN, ...args, "--max-seconds", "1e-9"], { encoding: "utf8" });
  const m = /Value: `~([\d.e+]+) (s|min|h|days|years) /.exec(r.stderr);
  if (m === null) throw new Error(`no estimate in: ${r.stderr}`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** Wall seconds of the whole command, run to the end with the cap raised out of the way. */
function actualSeconds(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [MAIN, ...args, "--max-seconds", "1e9"], { encoding: "utf8", maxBuffer: 1 << 30 });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return s;
}

const out = mkdtempSync(join(tmpdir(), "relutopo-estimates-"));
const full = process.argv.includes("--full");
const jobs: Array<[string, string[]]> = [
  [
    full ? "reproduce all (full scale)" : "reproduce all --quick",
    ["reproduce", "all", ...(full ? [] : ["--quick"]), "--out", join(out, "r")],
  ],
  ["check --all (100 cases each)", ["check", "--all"]],
  ["laws on 300 parameters", ["laws", "--widths", "2,100,1"]],
  [
    "probability --distribution at l = 100,000",
    ["probability", "--init", "kaiming-normal", "--d-in", "3", "--width", "100000", "--distribution"],
  ],
];
console.log(
  `${availableParallelism()} cores, load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(", ")} at the start`,
);
try {
  for (const [label, args] of jobs) {
    const estimate = estimateSeconds(args);
    rmSync(join(out, "r"), { recursive: true, force: true });
    const actual = actualSeconds(args);
    const ratio = actual / estimate;
    const verdict = Math.abs(ratio - 1) <= 0.3 ? "within ±30 %" : "OUTSIDE ±30 %";
    console.log(
      `${label}: estimate ${estimate.toFixed(1)} s, actual ${actual.toFixed(1)} s, actual/estimate ${ratio.toFixed(2)} (${verdict}; load ${loadavg()[0]!.toFixed(2)})`,
    );
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
