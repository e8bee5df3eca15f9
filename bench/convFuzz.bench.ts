/**
 * A held-out fuzz of convolutional checkpoints against PyTorch: `npm run bench -- convFuzz` (after
 * `npm run build`; needs /usr/bin/python3 with torch, else it says so and stops). Environment:
 * CONV_FUZZ_CASES (default 200), CONV_FUZZ_SEED (default 0), CONV_FUZZ_DIR (keep the cases there),
 * CONV_FUZZ_WIDE=1 (the generator's `wide` draws: padding 'same', dilation, half precision, checkpoint dicts, …).
 *
 * bench/conv_fuzz_reference.py draws random small Conv1d/Conv2d networks (groups, stride, padding, bias,
 * pooling, BatchNorm, LeakyReLU, module names of three kinds) and writes each one's checkpoint
 * (.pt and .safetensors), printed repr, a batch and torch's answers. For every case this runs the built
 * CLI in this process and checks:
 * - `invariants --json` on the .pt and on the .safetensors (one of named modules, listed by name, refused in
 *   one line and read again with `--layers` in the model's order), and `inspect --json`: the c of every
 *   channel and unit, and ‖K_j‖² under each BatchNorm, equal to the exact Fraction computation digit for digit;
 * - `gd --arch … --steps 1 --lr 1/8`, exact (decimal:40 with BatchNorm) and float: the loss, the gradient
 *   (θ₀ − θ₁)/η of every parameter and θ₁ equal to torch's float64 to 1e−10 (relative to max(1, |value|));
 * - every refusal is one line on stderr with exit 2 (counted by message; one of a case without a note
 *   from the generator is listed, as a reader gap rather than a failure).
 * Any crash, wrong value or malformed refusal is printed with its case directory and fails the run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Console } from "node:console";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Decimal } from "decimal.js";

const PYTHON = "/usr/bin/python3";
const MAIN = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const GENERATOR = fileURLToPath(new URL("./conv_fuzz_reference.py", import.meta.url));
const D = Decimal.clone({ precision: 60 });

interface LayerValues {
  W: string[][];
  b?: string[];
  gamma?: string[];
  beta?: string[];
}
/** A layer of `gd --json`'s params: γ and β under `norm`. */
interface ParamLayer {
  W: string[][];
  b?: string[];
  norm?: { gamma: string[]; beta: string[] };
}
interface Expected {
  notes: string[];
  modules: string[];
  batchNorm: boolean;
  layers: string[][];
  kernel: Record<string, string[]>;
  loss: string;
  lr: string;
  start: LayerValues[];
  grad: LayerValues[];
  step: LayerValues[];
}
interface Result {
  status: number;
  stdout: string;
  stderr: string;
}

type Main = (argv: readonly string[]) => Promise<number>;
const main = ((await import(pathToFileURL(MAIN).href)) as { main: Main }).main;

/** Runs the built CLI in this process, its output captured (as test/helpers/runCli.ts does). */
async function cli(args: string[]): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const sink =
    (to: string[]) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      to.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      (rest.find((r) => typeof r === "function") as (() => void) | undefined)?.();
      return true;
    };
  const saved = { stdout: process.stdout.write, stderr: process.stderr.write, console: globalThis.console };
  process.stdout.write = sink(out) as typeof process.stdout.write;
  process.stderr.write = sink(err) as typeof process.stderr.write;
  globalThis.console = new Console({ stdout: process.stdout, stderr: process.stderr, colorMode: false });
  process.env.CI = "true";
  try {
    let status: number;
    try {
      status = await main([process.execPath, MAIN, ...args]);
    } catch (e) {
      err.push(`THROWN ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      status = -1;
    }
    return { status, stdout: out.join(""), stderr: err.join("") };
  } finally {
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    globalThis.console = saved.console;
  }
}

type Dec = InstanceType<typeof D>;
const value = (text: string): Dec => {
  const [p = "0", q] = text.split("/");
  return q === undefined ? new D(p) : new D(p).div(q);
};
const close = (ours: Dec, theirs: string): boolean => {
  const t = new D(theirs);
  return ours.minus(t).abs().lte(D.max(1, t.abs()).times("1e-10"));
};

const torch = spawnSync(PYTHON, ["-c", "import torch"], { encoding: "utf8" });
if (torch.status !== 0) {
  console.log(`convFuzz: skipped, ${PYTHON} has no torch (apt-get install -y python3-torch)`);
  process.exit(0);
}
const cases = Number(process.env.CONV_FUZZ_CASES ?? 200);
const seed = Number(process.env.CONV_FUZZ_SEED ?? 0);
const kept = process.env.CONV_FUZZ_DIR;
const dir = kept ?? mkdtempSync(join(tmpdir(), "relutopo-conv-fuzz-"));
if (!existsSync(join(dir, `case_${cases - 1}`, "expected.json"))) {
  const t0 = performance.now();
  const wide = process.env.CONV_FUZZ_WIDE === "1" ? ["wide"] : [];
  const gen = spawnSync(PYTHON, [GENERATOR, dir, String(cases), String(seed), ...wide], { encoding: "utf8", stdio: "inherit" });
  if (gen.status !== 0) throw new Error(`${GENERATOR} exited with ${gen.status}`);
  console.log(
    `generated ${cases} cases (seed ${seed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s${kept === undefined ? "" : ` in ${dir}`}`,
  );
}

const failures: string[] = [];
const refusals = new Map<string, number>();
const gaps: string[] = [];
const counts = { invariants: 0, inspect: 0, gd: 0, refused: 0, sortedByName: 0, kink: 0 };

/** A run's outcome: its parsed JSON, or a refusal counted, or a failure recorded. */
function outcome(r: Result, where: string, notes: readonly string[]): unknown {
  if (r.status === 0) return JSON.parse(r.stdout) as unknown;
  if (r.status === 2 && r.stdout === "" && /^relutopo: [^\n]+\n$/.test(r.stderr) && !/\bat .*\.js:\d+/.test(r.stderr)) {
    counts.refused++;
    const reason = r.stderr
      .trim()
      .replace(/`[^`]*`/g, "`…`")
      .replace(/\d+/g, "N")
      .slice(10, 130);
    refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
    if (notes.length === 0) gaps.push(`${where}: ${r.stderr.trim()}`);
    return undefined;
  }
  failures.push(`${where}: exit ${r.status}, stderr ${JSON.stringify(r.stderr.slice(0, 2000))}`);
  return undefined;
}

/** θ₁ and the gradient (θ₀ − θ₁)/η of every parameter against torch's, to 1e−10. */
function compareStep(layers: readonly ParamLayer[], exp: Expected, fail: (what: string) => void): void {
  const lr = value(exp.lr);
  for (const [l, start] of exp.start.entries()) {
    const after = layers[l];
    if (after === undefined) {
      fail(`no layer ${l + 1}`);
      continue;
    }
    for (const key of ["W", "b", "gamma", "beta"] as const) {
      const s = key === "W" ? start.W.flat() : start[key];
      const a = key === "W" ? after.W.flat() : key === "b" ? after.b : after.norm?.[key];
      const g = key === "W" ? exp.grad[l]!.W.flat() : exp.grad[l]![key];
      const t = key === "W" ? exp.step[l]!.W.flat() : exp.step[l]![key];
      if (s === undefined) {
        if (a !== undefined) fail(`layer ${l + 1}: ${key} that torch does not have`);
        continue;
      }
      if (a === undefined || a.length !== s.length) {
        fail(`layer ${l + 1}: ${key} has ${a?.length} entries, torch ${s.length}`);
        continue;
      }
      for (const [k, v] of a.entries()) {
        const ours = value(v);
        const gradient = new D(s[k]!).minus(ours).div(lr);
        if (!close(gradient, g![k]!)) {
          fail(`layer ${l + 1} ${key}[${k}]: gradient ${gradient.toSignificantDigits(17)} ≠ torch ${g![k]}`);
          break;
        }
        if (!close(ours, t![k]!)) {
          fail(`layer ${l + 1} ${key}[${k}]: step ${ours.toSignificantDigits(17)} ≠ torch ${t![k]}`);
          break;
        }
      }
    }
  }
}

const names = readdirSync(dir)
  .filter((n) => n.startsWith("case_"))
  .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))
  .slice(0, cases);
const t0 = performance.now();
for (const name of names) {
  const c = join(dir, name);
  const exp = JSON.parse(readFileSync(join(c, "expected.json"), "utf8")) as Expected;
  const fail = (what: string): void => {
    failures.push(`${c}: ${what}`);
  };
  for (const file of ["model.pt", "model.safetensors"]) {
    // a safetensors file keeps no order of named modules: refused in one line, then read with --layers in the model's order
    let first = await cli(["invariants", "--net", join(c, file), "--json"]);
    if (first.status === 2 && /sorted by name/.test(first.stderr)) {
      counts.sortedByName++;
      first = await cli(["invariants", "--net", join(c, file), "--json", "--layers", exp.modules.join(",")]);
    }
    const got = outcome(first, `${c} invariants ${file}`, exp.notes) as
      | { layers: { invariants: string[] }[]; batchNorm?: { layer: number; kernelNormSquared: string[] }[] }
      | undefined;
    if (got === undefined) continue;
    counts.invariants++;
    const ours = got.layers.map((l) => l.invariants);
    if (JSON.stringify(ours) !== JSON.stringify(exp.layers))
      fail(`invariants ${file}: ${JSON.stringify(ours)} ≠ ${JSON.stringify(exp.layers)}`);
    const kernel = Object.fromEntries((got.batchNorm ?? []).map((b) => [String(b.layer), b.kernelNormSquared]));
    if (JSON.stringify(kernel) !== JSON.stringify(exp.kernel))
      fail(`‖K‖² under BatchNorm ${file}: ${JSON.stringify(kernel)} ≠ ${JSON.stringify(exp.kernel)}`);
  }
  const inspected = outcome(await cli(["inspect", "--net", join(c, "model.pt"), "--json"]), `${c} inspect`, exp.notes) as
    | { layers: { c: string[] }[] }
    | undefined;
  if (inspected !== undefined) {
    counts.inspect++;
    const ours = inspected.layers.map((l) => l.c);
    if (JSON.stringify(ours) !== JSON.stringify(exp.layers)) fail(`inspect: ${JSON.stringify(ours)} ≠ ${JSON.stringify(exp.layers)}`);
  }
  const args = ["gd", "--arch", join(c, "arch.txt"), "--net", join(c, "model.pt"), "--data", join(c, "data.csv")];
  // exact (decimal:40 through a BatchNorm, whose √(σ² + ε) is irrational) and the float64 fast path
  for (const arith of [exp.batchNorm ? "decimal:40" : "exact", "float"]) {
    const where = `${c} gd --arith ${arith}`;
    const run = outcome(await cli([...args, "--lr", exp.lr, "--steps", "1", "--arith", arith, "--json"]), where, exp.notes) as
      | { losses: string[]; params: { layers: ParamLayer[] } }
      | undefined;
    if (run === undefined) break;
    counts.gd++;
    if (!close(value(run.losses[0] ?? "NaN"), exp.loss)) fail(`gd --arith ${arith} loss ${run.losses[0]} ≠ torch ${exp.loss}`);
    // on the kink behind a constant BatchNorm channel torch's step follows its rounding of the mean, not the math
    if (exp.notes.some((n) => n.includes("constant over the batch"))) {
      counts.kink++;
      continue;
    }
    compareStep(run.params.layers, exp, (what) => fail(`gd --arith ${arith} ${what}`));
  }
}
const seconds = (performance.now() - t0) / 1000;
console.log(
  `${names.length} cases in ${seconds.toFixed(1)} s: ${counts.invariants} invariants runs (.pt and .safetensors), ${counts.inspect} inspect, ${counts.gd} gd runs equal to the reference (${counts.kink} of them on the loss only: a constant BatchNorm channel); ${counts.refused} one-line refusals (and ${counts.sortedByName} safetensors files of named modules refused for their name order, then read with --layers)`,
);
for (const [reason, n] of [...refusals].sort((a, b) => b[1] - a[1])) console.log(`  refused ×${n}: ${reason}`);
for (const g of gaps.slice(0, 20)) console.log(`  refused a case the generator drew as plain: ${g}`);
for (const f of failures.slice(0, 40)) console.log(`FAIL ${f}`);
console.log(failures.length === 0 ? "no misread, no crash" : `${failures.length} failures`);
if (kept === undefined) rmSync(dir, { recursive: true, force: true });
process.exitCode = failures.length === 0 ? 0 : 1;
