/**
 * Float training at any depth: 200 epochs of full-batch gradient descent on
 * BCE on the whole breast-cancer data set (569 × 30), for a ReLU network with
 * one hidden layer of l = 16, with two (16, 16) and with three, from the same start as
 * numpy and (where a python3 with torch is found) PyTorch float64 on one
 * thread, in the same run (bench/train_reference.py). Two times of ours:
 * the float kernel stepping θ ← θ − η∇L alone (what numpy and PyTorch do), and
 * the experiments' path, `gradientDescent` with the float kernel, which also
 * records every hidden neuron's c and its observed and predicted drift at every
 * step. Target: the experiments' path at least 1.5× numpy at every depth, on
 * the same final loss. Times are CPU time (every thread of the process), on both sides:
 * wall time on a shared machine measures the other processes. The two sides are
 * measured in alternating rounds (ours, then numpy, three times), and each
 * side's median is over all its rounds: the load of a shared machine changes
 * from second to second, and one window per side would compare two loads.
 * PyTorch, several times slower and not a target, runs in the middle round only.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultInit } from "../src/experiments/defaultInit.js";
import { readBreastCancer } from "../src/experiments/readBreastCancer.js";
import { splitAndStandardise } from "../src/experiments/splitAndStandardise.js";
import { gradientDescent } from "../src/flow/gradientDescent.js";
import { floatKernel } from "../src/net/kernels/floatKernel.js";
import { paramLayout } from "../src/net/paramLayout.js";
import { unpackLayers } from "../src/net/unpackLayers.js";
import { float } from "../src/scalar/float.js";
import { printRatio } from "./timing.js";

/** CPU times (user + system, ms) of `fn` over at least `minRuns` runs and `minMs` of CPU time, added to `times`. */
function cpuTimes(times: number[], fn: () => void, minRuns: number, minMs: number): void {
  let runs = 0;
  let total = 0;
  while (runs < minRuns || total < minMs) {
    const start = process.cpuUsage();
    fn();
    const { user, system } = process.cpuUsage(start);
    times.push((user + system) / 1000);
    total += times.at(-1)!;
    runs++;
  }
}

/** The median of times and the line that says how they spread. */
function summary(times: readonly number[]): { median: number; spread: string } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.floor(q * (sorted.length - 1))]!;
  return { median: at(0.5), spread: `quartiles ${at(0.25).toFixed(1)}–${at(0.75).toFixed(1)}, ${sorted.length} runs` };
}

/** Rounds of alternating measurements per depth (see the header). */
const ROUNDS = 3;

const here = dirname(fileURLToPath(import.meta.url));
const EPOCHS = 200;
const LR = 0.1;

// The whole data set as the training set (test fraction 0), standardised.
const split = splitAndStandardise(readBreastCancer(), "bench", 0);
const data = split.train;
const n = data.X.length;

/** A python3 that imports the module, or undefined. */
function python(module: string): string | undefined {
  for (const exe of ["python3", "/usr/bin/python3"]) {
    const r = spawnSync(exe, ["-c", `import ${module}`], { encoding: "utf8" });
    if (r.status === 0) return exe;
  }
  return undefined;
}
const numpyPython = python("numpy");
const torchPython = python("torch");

let failed = false;
for (const hidden of [[16], [16, 16], [16, 16, 16]]) {
  const widths = [split.d, ...hidden, 1];
  const L = paramLayout(widths, hidden.map(() => true).concat(false), { kind: "relu" });
  const init = Array.from(defaultInit(L, `bench/train/${hidden.join(",")}`));
  const shape = `${widths.join(" → ")}, n = ${n}, ${EPOCHS} epochs`;

  const dir = mkdtempSync(join(tmpdir(), "relutopo-bench-"));
  const problem = join(dir, "problem.json");
  const net = unpackLayers(init, L);
  writeFileSync(problem, JSON.stringify({ X: data.X, y: data.Y.map((r) => r[0]), layers: net.layers, lr: LR, epochs: EPOCHS, repeats: 4 }));
  const references = [
    { name: "numpy", exe: numpyPython, mode: "numpy", target: 1.5, rounds: [0, 1, 2] },
    { name: "PyTorch float64, 1 thread", exe: torchPython, mode: "torch", target: undefined, rounds: [1] },
  ] as const;
  /** Each reference's times over the rounds, its final loss and version, or why it has none. */
  const refs = references.map(() => ({ times: [] as number[], loss: Number.NaN, version: "", failure: undefined as string | undefined }));
  const kernelTimes: number[] = [];
  const gdTimes: number[] = [];
  let kernelLoss = 0;
  let gdLoss = 0;
  for (let round = 0; round < ROUNDS; round++) {
    cpuTimes(
      kernelTimes,
      () => {
        const K = floatKernel(L, "bce", data);
        const theta = [...init];
        for (let t = 0; t < EPOCHS; t++) {
          const { grad } = K.lossAndGradient(theta);
          for (let q = 0; q < theta.length; q++) theta[q]! -= LR * grad[q]!;
        }
        kernelLoss = K.loss(theta);
      },
      4,
      700,
    );
    cpuTimes(
      gdTimes,
      () => {
        const run = gradientDescent(unpackLayers(init, L), data, float, { lr: LR, steps: EPOCHS, loss: "bce", kernel: floatKernel });
        gdLoss = run.losses.at(-1)!;
      },
      2,
      700,
    );
    for (const [r, { exe, mode, rounds }] of references.entries()) {
      const ref = refs[r]!;
      if (exe === undefined || ref.failure !== undefined || !(rounds as readonly number[]).includes(round)) continue;
      const py = spawnSync(exe, [join(here, "train_reference.py"), mode, problem], { encoding: "utf8" });
      if (py.status !== 0) {
        ref.failure = py.stderr.trim().split("\n").at(-1) ?? "";
        continue;
      }
      const out = JSON.parse(py.stdout.trim().split("\n").at(-1)!) as { times: number[]; loss: number; version: string };
      ref.times.push(...out.times);
      ref.loss = out.loss;
      ref.version = out.version;
    }
  }
  const kernel = summary(kernelTimes);
  const gd = summary(gdTimes);
  console.log(
    `ours, ${shape}: gradientDescent with the float kernel ${gd.median.toFixed(1)} ms CPU (${gd.spread}; final loss ${gdLoss}); the kernel alone ${kernel.median.toFixed(1)} ms (${kernel.spread}; final loss ${kernelLoss})`,
  );
  if (kernelLoss !== gdLoss) {
    console.log("the two paths DIFFER");
    failed = true;
  }
  for (const [r, { name, exe, target }] of references.entries()) {
    const ref = refs[r]!;
    if (exe === undefined) {
      console.log(`${name} reference unavailable (no python3 imports it)`);
      continue;
    }
    if (ref.failure !== undefined) {
      console.log(`${name} reference failed: ${ref.failure}`);
      if (name === "numpy") failed = true;
      continue;
    }
    const { median, spread } = summary(ref.times);
    const agree = Math.abs(ref.loss - kernelLoss) <= 1e-9 * Math.max(1, Math.abs(ref.loss));
    console.log(
      `${name} ${ref.version}: ${median.toFixed(1)} ms (${spread}), final loss ${ref.loss} (${agree ? "agrees" : "DIFFERS"}, |difference| ${Math.abs(ref.loss - kernelLoss).toExponential(2)})`,
    );
    if (!agree) failed = true;
    printRatio(`float training, ${hidden.length + 1} layers, gradientDescent vs ${name}`, gd.median, name, median, target);
    printRatio(`float training, ${hidden.length + 1} layers, kernel alone vs ${name}`, kernel.median, name, median);
  }
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
