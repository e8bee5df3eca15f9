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
 * wall time on a shared machine measures the other processes. numpy's BLAS runs on one
 * thread, as ours and PyTorch's do: on matrices this small more threads do not finish
 * sooner, and the time their threads spent waiting for work counted as numpy's (a fifth
 * to a half more CPU time) and, on two cores, took a core from the run that followed
 * (the quartiles of both sides were several times as wide).
 *
 * The comparison with numpy is paired: one numpy process stays up and trains once on
 * each request, so that every run of ours is followed at once by one of numpy's, and the
 * ratio printed is the median over those pairs of numpy's time over ours. A shared
 * machine's speed drifts from second to second (the same code's median moved by a third
 * between two runs of this benchmark); the two runs of a pair see the same machine, so
 * their ratio does not drift with it. The medians of both sides are printed too.
 * PyTorch, several times slower and not a target, runs four times in one process.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
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

/** The CPU time (user + system, ms) of one call of `fn`. */
function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/** The q-quantile of xs (q in [0, 1]). */
function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

/** The median of times and the line that says how they spread. */
function summary(times: readonly number[]): { median: number; spread: string } {
  return {
    median: quantile(times, 0.5),
    spread: `quartiles ${quantile(times, 0.25).toFixed(1)}–${quantile(times, 0.75).toFixed(1)}, ${times.length} runs`,
  };
}

/** Pairs of runs per depth (see the header): each of ours (gradientDescent, then the kernel alone) and one of numpy's. */
const PAIRS = 40;

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
/** The BLAS thread counts of numpy's builds (OpenBLAS, OpenMP, MKL) set to one (see the header). */
const ONE_THREAD = { OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
const torchPython = python("torch");

/** A reference process that trains once per request: its version, one run (CPU ms and final loss), and its end. */
interface PairedReference {
  version: string;
  run(): Promise<{ ms: number; loss: number }>;
  close(): void;
}

/** Starts `train_reference.py numpy <problem> paired`, which answers one JSON line per request line. */
async function pairedReference(exe: string, problem: string): Promise<PairedReference> {
  const child = spawn(exe, [join(here, "train_reference.py"), "numpy", problem, "paired"], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, ...ONE_THREAD },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async <T>(): Promise<T> => {
    const line = await lines.next();
    if (line.done === true) throw new Error(`the numpy reference stopped: ${stderr.trim().split("\n").at(-1) ?? ""}`);
    return JSON.parse(line.value) as T;
  };
  const { version } = await next<{ version: string }>();
  return {
    version,
    run: async () => {
      child.stdin.write("run\n");
      return next<{ ms: number; loss: number }>();
    },
    close: () => child.stdin.end(),
  };
}

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
  let kernelLoss = 0;
  let gdLoss = 0;
  const kernelRun = (): void => {
    const K = floatKernel(L, "bce", data);
    const theta = [...init];
    for (let t = 0; t < EPOCHS; t++) {
      const { grad } = K.lossAndGradient(theta);
      for (let q = 0; q < theta.length; q++) theta[q]! -= LR * grad[q]!;
    }
    kernelLoss = K.loss(theta);
  };
  const gdRun = (): void => {
    const run = gradientDescent(unpackLayers(init, L), data, float, { lr: LR, steps: EPOCHS, loss: "bce", kernel: floatKernel });
    gdLoss = run.losses.at(-1)!;
  };
  // warm-up: every path once
  kernelRun();
  gdRun();
  const numpy = numpyPython === undefined ? undefined : await pairedReference(numpyPython, problem).catch((err: Error) => err);
  const pairs: { gd: number; kernel: number; numpy: number }[] = [];
  let numpyLoss = Number.NaN;
  for (let i = 0; i < PAIRS; i++) {
    const gd = cpuMs(gdRun);
    const kernel = cpuMs(kernelRun);
    if (numpy === undefined || numpy instanceof Error) {
      pairs.push({ gd, kernel, numpy: Number.NaN });
      continue;
    }
    const ref = await numpy.run();
    numpyLoss = ref.loss;
    pairs.push({ gd, kernel, numpy: ref.ms });
  }
  if (numpy !== undefined && !(numpy instanceof Error)) numpy.close();
  const gd = summary(pairs.map((p) => p.gd));
  const kernel = summary(pairs.map((p) => p.kernel));
  console.log(
    `ours, ${shape}: gradientDescent with the float kernel ${gd.median.toFixed(1)} ms CPU (${gd.spread}; final loss ${gdLoss}); the kernel alone ${kernel.median.toFixed(1)} ms (${kernel.spread}; final loss ${kernelLoss})`,
  );
  if (kernelLoss !== gdLoss) {
    console.log("the two paths DIFFER");
    failed = true;
  }
  const agrees = (loss: number): boolean => Math.abs(loss - kernelLoss) <= 1e-9 * Math.max(1, Math.abs(loss));
  const lossLine = (loss: number): string =>
    `final loss ${loss} (${agrees(loss) ? "agrees" : "DIFFERS"}, |difference| ${Math.abs(loss - kernelLoss).toExponential(2)})`;
  if (numpy === undefined) console.log("numpy reference unavailable (no python3 imports it)");
  else if (numpy instanceof Error) {
    console.log(`numpy reference failed: ${numpy.message}`);
    failed = true;
  } else {
    const ref = summary(pairs.map((p) => p.numpy));
    console.log(`numpy ${numpy.version}: ${ref.median.toFixed(1)} ms (${ref.spread}), ${lossLine(numpyLoss)}`);
    if (!agrees(numpyLoss)) failed = true;
    // the median pair's times, so that the line reads ours, numpy's and their ratio
    for (const [path, ours] of [
      ["gradientDescent", (p: (typeof pairs)[number]) => p.gd],
      ["kernel alone", (p: (typeof pairs)[number]) => p.kernel],
    ] as const) {
      const ratios = pairs.map((p) => p.numpy / ours(p));
      const mid = pairs.find((p) => p.numpy / ours(p) === quantile(ratios, 0.5))!;
      const target = path === "gradientDescent" ? 1.5 : undefined;
      printRatio(
        `float training, ${hidden.length + 1} layers, ${path} vs numpy (median of ${PAIRS} pairs)`,
        ours(mid),
        "numpy",
        mid.numpy,
        target,
      );
    }
  }
  if (torchPython === undefined) console.log("PyTorch float64, 1 thread reference unavailable (no python3 imports it)");
  else {
    const py = spawnSync(torchPython, [join(here, "train_reference.py"), "torch", problem], { encoding: "utf8" });
    if (py.status !== 0) console.log(`PyTorch float64, 1 thread reference failed: ${py.stderr.trim().split("\n").at(-1) ?? ""}`);
    else {
      const out = JSON.parse(py.stdout.trim().split("\n").at(-1)!) as { times: number[]; loss: number; version: string };
      const ref = summary(out.times);
      console.log(`PyTorch float64, 1 thread ${out.version}: ${ref.median.toFixed(1)} ms (${ref.spread}), ${lossLine(out.loss)}`);
      if (!agrees(out.loss)) failed = true;
      printRatio(
        `float training, ${hidden.length + 1} layers, gradientDescent vs PyTorch float64, 1 thread`,
        gd.median,
        "PyTorch",
        ref.median,
      );
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
