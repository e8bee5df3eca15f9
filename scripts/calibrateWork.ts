/**
 * Re-measures the per-unit costs of the work estimates (src/work/workEstimate and the
 * `*Work.ts` files beside each computation): runs one mid-sized workload per estimate through
 * the built CLI, takes the least wall time of several runs (less Node's start-up, timed on
 * `--version`), reads the estimate from the command's own refusal under `--max-seconds 1e-9`,
 * and prints measured / estimated. A ratio far from 1 means the constant should be multiplied
 * by it. The least of several runs is taken because the machine may be shared: other load only
 * ever adds time.
 *
 *   npm run build && node --import tsx scripts/calibrateWork.ts [--runs 3]
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const runs = Number(values.runs);
const MAIN = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const ex = (name: string): string => fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
const toy = ["--net", ex("toy.json"), "--data", ex("toy.csv")];
const minus = (n: number): string => Array(n).fill("-1").join(",");

/** One workload per estimate, sized to take a few seconds; the constant it calibrates in brackets. */
const WORKLOADS: Array<[string, string[]]> = [
  ["gd float (gradientDescentWork FLOAT_SECONDS)", ["gd", ...toy, "--lr", "1/20", "--steps", "300000", "--arith", "float"]],
  ["gd decimal:50 (gradientDescentWork DIGITS50_SECONDS)", ["gd", ...toy, "--lr", "1/20", "--steps", "10000", "--arith", "decimal:50"]],
  ["flow taylor (flowWork)", ["flow", ...toy, "--time", "1", "--samples", "2000"]],
  ["flow gauss (flowWork GAUSS_*)", ["flow", ...toy, "--time", "1", "--method", "gauss", "--digits", "30"]],
  ["components --list (enumerateComponentsWork SECONDS_PER_SIGN)", ["components", "--c", minus(18), "--d-in", "18", "--list"]],
  ["table components (componentsTableWork SECONDS_PER_ROW)", ["table", "components", "--d-in", "2", "--e", "1", "--width", "1..60"]],
  ["laws (lawsWork)", ["laws", "--widths", "2,120,1", "--degree", "1"]],
  [
    "probability Monte Carlo (probabilityWork SECONDS_PER_COORDINATE)",
    ["probability", "--init", "kaiming-uniform", "--d-in", "3", "--width", "10", "--samples", "20000000"],
  ],
  ["check (check.ts SECONDS_PER_CASE)", ["check", "--all", "--runs", "100"]],
];

function wall(args: string[]): { seconds: number; status: number | null; stderr: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  return { seconds: (performance.now() - t) / 1000, status: r.status, stderr: r.stderr };
}

const UNITS: Record<string, number> = { s: 1, min: 60, h: 3600, days: 86400, years: 365.25 * 86400 };
function estimateOf(args: string[]): number {
  const r = wall([...args, "--max-seconds", "1e-9"]);
  const m = /Value: `~([\d.e+]+) (s|min|h|days|years) \(/.exec(r.stderr);
  if (m === null) throw new Error(`no estimate in: ${r.stderr.trim()}`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

const startup = Math.min(...Array.from({ length: runs }, () => wall(["--version"]).seconds));
process.stdout.write(`start-up ${startup.toFixed(2)} s (least of ${runs}); times below are the least of ${runs} runs, less start-up\n\n`);
process.stdout.write(`${"workload".padEnd(66)} estimated  measured  measured/estimated\n`);
for (const [name, args] of WORKLOADS) {
  const estimated = estimateOf(args);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = wall(args);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${name}: exit ${r.status}: ${r.stderr.trim()}`);
    times.push(r.seconds - startup);
  }
  const measured = Math.max(0.001, Math.min(...times));
  process.stdout.write(
    `${name.padEnd(66)} ${estimated.toFixed(2).padStart(8)} s ${measured.toFixed(2).padStart(7)} s  ${(measured / estimated).toFixed(2)}\n`,
  );
}
