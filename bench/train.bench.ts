/**
 * Float fast path: training throughput (epochs/s) of full-batch gradient
 * descent on BCE for l = 16 on the whole breast-cancer data set (569 × 30),
 * against numpy doing the same epochs from the same start in the same run
 * (bench/train_numpy.py). Target: within 2× of numpy (ratio ≥ 0.5).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultInit } from "../src/experiments/defaultInit.js";
import { readBreastCancer } from "../src/experiments/readBreastCancer.js";
import { splitAndStandardise } from "../src/experiments/splitAndStandardise.js";
import { paramLayout } from "../src/net/paramLayout.js";
import { unpackLayers } from "../src/net/unpackLayers.js";
import { trainFloat } from "../src/experiments/trainFloat.js";
import { medianMs, printRatio } from "./timing.js";

const here = dirname(fileURLToPath(import.meta.url));
const L_WIDTH = 16;
const EPOCHS = 200;
const LR = 0.1;

// The whole data set as the training set (test fraction 0), standardised.
const split = splitAndStandardise(readBreastCancer(), "bench", 0);
const data = split.train;
const L = paramLayout([split.d, L_WIDTH, 1], [true, false], { kind: "relu" });
const init = defaultInit(L, "bench/train");

let ours = { params: init, losses: [] as [number, number][] };
const oursMs = await medianMs(() => (ours = trainFloat(init, L, data, { lr: LR, epochs: EPOCHS, loss: "bce" })), 11, 2000);
const oursLoss = ours.losses.at(-1)![1];
console.log(
  `ours: ${EPOCHS} epochs of l = ${L_WIDTH}, n = ${data.n}, d = ${split.d}: ${oursMs.toFixed(1)} ms, ${((EPOCHS / oursMs) * 1000).toFixed(0)} epochs/s, final loss ${oursLoss}`,
);

const net = unpackLayers(init, L);
const dir = mkdtempSync(join(tmpdir(), "relutopo-bench-"));
const problem = join(dir, "problem.json");
const rows = Array.from({ length: data.n }, (_, i) => Array.from(data.X.subarray(i * split.d, (i + 1) * split.d)));
writeFileSync(
  problem,
  JSON.stringify({
    X: rows,
    y: Array.from(data.Y),
    W1: net.layers[0]!.W,
    b1: net.layers[0]!.b,
    a: net.layers[1]!.W[0],
    lr: LR,
    epochs: EPOCHS,
    repeats: 11,
  }),
);
const py = spawnSync("python3", [join(here, "train_numpy.py"), problem], { encoding: "utf8" });
rmSync(dir, { recursive: true, force: true });
if (py.status !== 0) {
  console.log(`numpy reference unavailable (python3 with numpy is needed): ${py.stderr.trim().split("\n").at(-1) ?? ""}`);
} else {
  const ref = JSON.parse(py.stdout.trim().split("\n").at(-1)!) as { ms: number; loss: number; numpy: string };
  console.log(`numpy ${ref.numpy}: ${ref.ms.toFixed(1)} ms, ${((EPOCHS / ref.ms) * 1000).toFixed(0)} epochs/s, final loss ${ref.loss}`);
  const agree = Math.abs(ref.loss - oursLoss) <= 1e-9 * Math.max(1, Math.abs(ref.loss));
  console.log(`same training: final losses ${agree ? "agree" : "DIFFER"} (|difference| ${Math.abs(ref.loss - oursLoss).toExponential(2)})`);
  printRatio("float training throughput vs numpy", oursMs, "numpy", ref.ms, 0.5);
  if (!agree) process.exitCode = 1;
}
