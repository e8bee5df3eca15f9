/**
 * Gradient flow at 30 and 50 digits on a fixed problem (bench/flow/: d = 2 plus
 * hidden bias, l = 4, n = 8, T = 1): our Taylor integrator with kink events
 * against mpmath's `odefun` on the same field (bench/flow_mpmath.py), both timed
 * in the same run. Both endpoints are compared with our 80-digit endpoint:
 * ours must be within 10^−(D−5); odefun, which does not know the field is only
 * piecewise polynomial, is expected not to be. Target: ratio ≥ 20.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Decimal } from "decimal.js";
import { integrateFlow, type FlowRun } from "../src/flow/integrateFlow.js";
import { readDataset } from "../src/net/readDataset.js";
import { networkShape } from "../src/net/networkShape.js";
import { readNetwork } from "../src/net/readNetwork.js";
import { medianMs, printRatio } from "./timing.js";

const path = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const NET = path("./flow/net.json");
const DATA = path("./flow/data.csv");
const net = readNetwork(readFileSync(NET, "utf8"));
const { d, e } = networkShape(net);
const data = readDataset(readFileSync(DATA, "utf8"), d, e);

const flat = (run: FlowRun): string[] => {
  const p = run.params as { W1: string[][]; b1?: string[]; W2: string[][]; b2?: string[] };
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

const reference = integrateFlow(net, data, { time: "1", digits: 80 });
console.log(
  `80-digit reference: ${reference.events.length} kink events (${reference.events.map((ev) => `${ev.kind} z[${ev.neuron},${ev.point}] at t=${ev.t.slice(0, 12)}`).join("; ")})`,
);
const python = spawnSync("python3", ["-c", "import mpmath"], { encoding: "utf8" });
for (const digits of [30, 50]) {
  let run: FlowRun | undefined;
  const ours = await medianMs(() => (run = integrateFlow(net, data, { time: "1", digits })), 3, 0);
  console.log(
    `taylor at ${digits} digits: ${ours.toFixed(1)} ms, endpoint distance to the 80-digit result ${distance(flat(run!), flat(reference))} (must be < 1e-${digits - 5}), max drift of c_k ${run!.maxDrift}`,
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
  const out = JSON.parse(py.stdout) as { seconds: number; theta: string[] };
  printRatio(`flow T=1, ${digits} digits (l=4, n=8, d=2+bias)`, ours, "mpmath odefun", out.seconds * 1000, 20);
  console.log(`  mpmath odefun endpoint distance to our 80-digit result: ${distance(out.theta, flat(reference))}`);
}
