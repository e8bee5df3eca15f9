/**
 * Gradient flow at 30, 45 and 50 digits on a fixed problem (bench/flow/: d = 2 plus
 * hidden bias, l = 4, n = 8, T = 1), timed as a user meets it: the whole process
 * `relutopo flow --json` (node start-up, module loading, JIT warm-up and the Taylor
 * integrator with kink events), against mpmath's `odefun` on the same field
 * (bench/flow_mpmath.py), both in the same run. Ours is the median wall time of 3
 * processes, with their user + system CPU time beside it when /usr/bin/time is there
 * (other work on the machine inflates wall time more than CPU time), and the ratio is
 * given in wall time and, where measured on both sides, in CPU time. Both endpoints
 * are compared with our 80-digit endpoint: ours must be within 10^−(D−5); odefun,
 * which does not know the field is only piecewise polynomial, is expected not to be.
 * Targets: ratio ≥ 20 at 30 digits and ≥ 100 at 45. Needs `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Decimal } from "decimal.js";
import { integrateFlow, type FlowRun } from "../src/flow/integrateFlow.js";
import { readDataset } from "../src/net/readDataset.js";
import { networkShape } from "../src/net/networkShape.js";
import { readNetwork } from "../src/net/readNetwork.js";
import { printRatio } from "./timing.js";

const path = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const MAIN = path("../dist/cli/main.js");
const NET = path("./flow/net.json");
const DATA = path("./flow/data.csv");
const TIME = "/usr/bin/time";
/** Timed processes per precision, of which the median counts: a quarter second each, and one slowed by another process is an outlier. */
const RUNS = 7;
const TARGETS: Record<number, number | undefined> = { 30: 20, 45: 100 };
const net = readNetwork(readFileSync(NET, "utf8"));
const { d, e } = networkShape(net);
const data = readDataset(readFileSync(DATA, "utf8"), d, e);

const flat = (params: FlowRun["params"]): string[] => {
  const p = params as { W1: string[][]; b1?: string[]; W2: string[][]; b2?: string[] };
  const out: string[] = [];
  for (const [k, row] of p.W1.entries()) out.push(...row, ...(p.b1 ? [p.b1[k]!] : []));
  for (const row of p.W2) out.push(...row);
  if (p.b2) out.push(...p.b2);
  return out;
};
const D100 = Decimal.clone({ precision: 100 });
const distance = (a: string[], b: string[]): string =>
  a
    .reduce((m, v, i) => Decimal.max(m, new D100(v).minus(new D100(b[i]!)).abs()), new D100(0))
    .toSignificantDigits(3)
    .toString();

/** One whole `relutopo flow` process: wall ms, CPU ms (NaN without /usr/bin/time) and its JSON. */
function flowProcess(digits: number): { wallMs: number; cpuMs: number; run: FlowRun } {
  const args = [MAIN, "flow", "--net", NET, "--data", DATA, "--time", "1", "--digits", String(digits), "--json"];
  const timed = existsSync(TIME);
  const t0 = performance.now();
  const r = timed
    ? spawnSync(TIME, ["-f", "cpu %U %S", process.execPath, ...args], { encoding: "utf8" })
    : spawnSync(process.execPath, args, { encoding: "utf8" });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`relutopo flow exited with ${r.status}: ${r.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  const cpuMs = cpu === null ? Number.NaN : (Number(cpu[1]) + Number(cpu[2])) * 1000;
  return { wallMs, cpuMs, run: JSON.parse(r.stdout) as FlowRun };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (!existsSync(MAIN)) {
  console.log(`${MAIN} is missing: run npm run build first`);
  process.exitCode = 1;
} else {
  const reference = integrateFlow(net, data, { time: "1", digits: 80 });
  console.log(
    `80-digit reference: ${reference.events.length} kink events (${reference.events.map((ev) => `${ev.kind} z[${ev.neuron},${ev.point}] at t=${ev.t.slice(0, 12)}`).join("; ")})`,
  );
  const python = spawnSync("python3", ["-c", "import mpmath"], { encoding: "utf8" });
  for (const digits of [30, 45, 50]) {
    flowProcess(digits); // one warm-up, so that the file cache is the same for every timed run
    const runs = Array.from({ length: RUNS }, () => flowProcess(digits));
    const wall = median(runs.map((r) => r.wallMs));
    const cpu = median(runs.map((r) => r.cpuMs));
    const run = runs[0]!.run;
    console.log(
      `relutopo flow at ${digits} digits, whole process: ${wall.toFixed(0)} ms wall, ${Number.isNaN(cpu) ? "CPU time not measured" : `${cpu.toFixed(0)} ms user + system CPU`} (median of ${RUNS}); endpoint distance to the 80-digit result ${distance(flat(run.params), flat(reference.params))} (must be < 1e-${digits - 5}), max drift of c_k ${run.maxDrift}`,
    );
    if (python.status !== 0) {
      console.log("python3 with mpmath is missing: no reference ratio");
      continue;
    }
    const py = spawnSync("python3", [path("./flow_mpmath.py"), NET, DATA, "1", String(digits), "odefun"], {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    if (py.status !== 0) {
      console.log(`mpmath reference failed: ${py.stderr.trim().split("\n").pop()}`);
      continue;
    }
    const out = JSON.parse(py.stdout) as { seconds: number; cpu_seconds: number; theta: string[] };
    const label = `flow T=1, ${digits} digits (l=4, n=8, d=2+bias), whole process`;
    printRatio(label, wall, "mpmath odefun", out.seconds * 1000, TARGETS[digits]);
    // on a busy machine wall times say more about the load than about either side
    if (!Number.isNaN(cpu)) printRatio("  the same in CPU time", cpu, "mpmath odefun", out.cpu_seconds * 1000, TARGETS[digits]);
    console.log(`  mpmath odefun endpoint distance to our 80-digit result: ${distance(out.theta, flat(reference.params))}`);
  }
}
