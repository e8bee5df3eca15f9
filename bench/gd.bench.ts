/**
 * Exact gradient descent: a 3-step run on a 3-neuron net with 4 data points
 * (test/fixtures/gd/bias-relu) must finish in under a second. Measured in
 * process and end to end through the CLI, next to the independent Python
 * fractions reference (proofs/gd_reference.py) doing the same run, whose
 * output must also be identical.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gradientDescent } from "../src/flow/gradientDescent.js";
import { readDataset } from "../src/net/readDataset.js";
import { datasetIn } from "../src/net/datasetIn.js";
import { networkIn } from "../src/net/networkIn.js";
import { networkShape } from "../src/net/networkShape.js";
import { readNetwork } from "../src/net/readNetwork.js";
import { exact } from "../src/scalar/exact.js";
import { medianMs, printBudget, printRatio } from "./timing.js";

const path = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const NET = path("../test/fixtures/gd/bias-relu.json");
const DATA = path("../test/fixtures/gd/bias-relu.csv");
const spec = readNetwork(readFileSync(NET, "utf8"));
const { d, e } = networkShape(spec);
const data = datasetIn(readDataset(readFileSync(DATA, "utf8"), d, e), exact);
const net = networkIn(spec, exact);

for (const steps of [3, 4]) {
  const lr = exact.parse("1/20");
  const ours = await medianMs(() => gradientDescent(net, data, exact, { lr, steps, loss: "mse" }));
  const python = spawnSync("python3", ["-c", "import fractions"], { encoding: "utf8" });
  if (python.status !== 0) {
    console.log("python3 is missing: no reference ratio");
    printBudget(`exact GD ${steps} steps, in process`, ours, 1000);
    continue;
  }
  // The reference times itself inside Python (best of 5), so interpreter start-up is not counted.
  const timer = `import io, sys, time, runpy, contextlib
sys.argv = ["gd_reference.py", *sys.argv[1:]]
best = 1e9
for _ in range(5):
    buf = io.StringIO()
    t = time.perf_counter()
    with contextlib.redirect_stdout(buf):
        runpy.run_path(${JSON.stringify(path("../proofs/gd_reference.py"))}, run_name="__main__")
    best = min(best, time.perf_counter() - t)
print(best * 1000, file=sys.stderr)
print(buf.getvalue())`;
  const py = spawnSync("python3", ["-c", timer, NET, DATA, "1/20", String(steps)], { encoding: "utf8", maxBuffer: 1 << 30 });
  const pyOut = py.stdout;
  const reference = Number(py.stderr.trim().split("\n").pop());
  const cliStart = performance.now();
  const cli = spawnSync(
    process.execPath,
    [path("../dist/cli/main.js"), "gd", "--net", NET, "--data", DATA, "--lr", "1/20", "--steps", String(steps), "--json"],
    { encoding: "utf8", maxBuffer: 1 << 30 },
  );
  const cliMs = performance.now() - cliStart;
  const same = JSON.stringify(JSON.parse(cli.stdout).params) === JSON.stringify(JSON.parse(pyOut).params);
  printRatio(
    `exact GD ${steps} steps (3 neurons, 4 points), in process vs the same run in python fractions (in process)`,
    ours,
    "python3 fractions",
    reference,
  );
  printBudget(`exact GD ${steps} steps end to end through the CLI (node start-up included)`, cliMs, 1000);
  console.log(`  CLI parameters identical to the python reference: ${same}`);
}
