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
 * wall time on a shared machine measures the other processes.
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

/** CPU times (user + system, ms) of `fn` over at least `minRuns` runs and `minMs` of CPU time: median and quartiles. */
function cpuMs(fn: () => void, minRuns: number, minMs: number): { median: number; spread: string } {
  const times: number[] = [];
  let total = 0;
  while (times.length < minRuns || total < minMs) {
    const start = process.cpuUsage();
    fn();
    const { user, system } = process.cpuUsage(start);
    times.push((user + system) / 1000);
    total += times.at(-1)!;
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.floor(q * (times.length - 1))]!;
  return { median: at(0.5), spread: `quartiles ${at(0.25).toFixed(1)}–${at(0.75).toFixed(1)}, ${times.length} runs` };
}

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

  let kernelLoss = 0;
  const kernel = cpuMs(
    () => {
      const K = floatKernel(L, "bce", data);
      const theta = [...init];
      for (let t = 0; t < EPOCHS; t++) {
        const { grad } = K.lossAndGradient(theta);
        for (let q = 0; q < theta.length; q++) theta[q]! -= LR * grad[q]!;
      }
      kernelLoss = K.loss(theta);
    },
    11,
    2000,
  );
  let gdLoss = 0;
  const gd = cpuMs(
    () => {
      const run = gradientDescent(unpackLayers(init, L), data, float, { lr: LR, steps: EPOCHS, loss: "bce", kernel: floatKernel });
      gdLoss = run.losses.at(-1)!;
    },
    5,
    2000,
  );
  const kernelMs = kernel.median;
  const gdMs = gd.median;
  console.log(
    `ours, ${shape}: gradientDescent with the float kernel ${gdMs.toFixed(1)} ms CPU (${gd.spread}; final loss ${gdLoss}); the kernel alone ${kernelMs.toFixed(1)} ms (${kernel.spread}; final loss ${kernelLoss})`,
  );
  if (kernelLoss !== gdLoss) {
    console.log("the two paths DIFFER");
    failed = true;
  }

  const dir = mkdtempSync(join(tmpdir(), "relutopo-bench-"));
  const problem = join(dir, "problem.json");
  const net = unpackLayers(init, L);
  writeFileSync(
    problem,
    JSON.stringify({ X: data.X, y: data.Y.map((r) => r[0]), layers: net.layers, lr: LR, epochs: EPOCHS, repeats: 11 }),
  );
  for (const [name, exe, target] of [
    ["numpy", numpyPython, 1.5],
    ["PyTorch float64, 1 thread", torchPython, undefined],
  ] as const) {
    if (exe === undefined) {
      console.log(`${name} reference unavailable (no python3 imports it)`);
      continue;
    }
    const py = spawnSync(exe, [join(here, "train_reference.py"), name === "numpy" ? "numpy" : "torch", problem], { encoding: "utf8" });
    if (py.status !== 0) {
      console.log(`${name} reference failed: ${py.stderr.trim().split("\n").at(-1) ?? ""}`);
      if (name === "numpy") failed = true;
      continue;
    }
    const ref = JSON.parse(py.stdout.trim().split("\n").at(-1)!) as { ms: number; loss: number; version: string };
    const agree = Math.abs(ref.loss - kernelLoss) <= 1e-9 * Math.max(1, Math.abs(ref.loss));
    console.log(
      `${name} ${ref.version}: ${ref.ms.toFixed(1)} ms, final loss ${ref.loss} (${agree ? "agrees" : "DIFFERS"}, |difference| ${Math.abs(ref.loss - kernelLoss).toExponential(2)})`,
    );
    if (!agree) failed = true;
    printRatio(`float training, ${hidden.length + 1} layers, gradientDescent vs ${name}`, gdMs, name, ref.ms, target);
    printRatio(`float training, ${hidden.length + 1} layers, kernel alone vs ${name}`, kernelMs, name, ref.ms);
  }
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
