/**
 * Reading a real model: `relutopo invariants --json` and `relutopo inspect` on PyTorch's default
 * initialisation of nn.Sequential(Linear(784,512), ReLU, Linear(512,512), ReLU, Linear(512,10))
 * (669,706 float32 parameters, a 2.7 MB safetensors file written by bench/pytorch_reference.py),
 * whole process, against the exact Python integer computation of the same c in the same run; the
 * values must agree digit for digit. Target: at most 0.5 s for `invariants` and for `inspect`, under 300 MB.
 * Then the scale check: a 10-million-parameter chain (4096-wide layers). Needs `npm run build`
 * and python3 with numpy.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { printBudget, printRatio } from "./timing.js";

const MAIN = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const PY = fileURLToPath(new URL("./pytorch_reference.py", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "relutopo-bench-read-"));

function run(cmd: string, args: string[]): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const [label, widths, runs] of [
  ["784-512-512-10 (669,706 parameters)", "784,512,512,10", 5],
  ["784-4096-2048-10 (11,628,554 parameters)", "784,4096,2048,10", 1],
] as const) {
  const file = join(dir, `${widths.replace(/,/g, "-")}.safetensors`);
  run("python3", [PY, "write", file, widths]);
  const reference = JSON.parse(run("python3", [PY, "c", file]).stdout) as { seconds: number; invariants: string[] };
  const times: number[] = [];
  let ours: string[] = [];
  for (let i = 0; i < runs; i++) {
    const r = run(process.execPath, [MAIN, "invariants", "--net", file, "--json", "--max-input-mib", "64"]);
    times.push(r.ms);
    ours = (JSON.parse(r.stdout) as { invariants: string[] }).invariants;
  }
  const same = ours.length === reference.invariants.length && ours.every((c, i) => c === reference.invariants[i]);
  console.log(`${label}: ${ours.length} c values, ${same ? "identical" : "DIFFERENT"} to the Python integer computation`);
  printRatio(`invariants ${label} (whole process)`, median(times), "python integers (c only)", reference.seconds * 1000);
  if (runs > 1) printBudget(`invariants ${label}`, median(times), 500);
  const inspectTimes: number[] = [];
  let inspected: string[] = [];
  for (let i = 0; i < runs; i++) {
    const r = run(process.execPath, [MAIN, "inspect", "--net", file, "--json", "--max-input-mib", "64"]);
    inspectTimes.push(r.ms);
    inspected = (JSON.parse(r.stdout) as { layers: { c: string[] }[] }).layers.flatMap((l) => l.c);
  }
  const sameInspect = inspected.length === reference.invariants.length && inspected.every((c, i) => c === reference.invariants[i]);
  console.log(`inspect ${label}: c ${sameInspect ? "identical" : "DIFFERENT"} to the Python integer computation`);
  printRatio(`inspect ${label} (whole process)`, median(inspectTimes), "python integers (c only)", reference.seconds * 1000);
  if (runs > 1) printBudget(`inspect ${label}`, median(inspectTimes), 500);
  if (!sameInspect) process.exitCode = 1;
  if (!same) process.exitCode = 1;
}
