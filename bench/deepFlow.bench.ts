/**
 * Gradient flow on networks of depth 3. (1) No kinks on the way (examples/deep.safetensors,
 * examples/deep.csv, T = 1, 30 digits): our Taylor integrator against our own Gauss–Legendre
 * (fixed-point field, steps chosen from D), both timed in this run; their endpoints must agree
 * to 10^−25. (2) A slide on a second-layer neuron (examples/deep-sliding.*, T = 2, 40 digits):
 * Taylor against the independent sympy/mpmath reference (test/flow/fixtures/
 * deep_sliding_reference.py: frozen-pattern polynomial field, the Filippov combination written
 * from its definition, odefun at 50 digits), run and timed here; endpoints within 10^−35.
 * Target: ratio ≥ 20 against mpmath (the Gauss–Legendre ratio is reported, without a target:
 * both are ours, and Gauss–Legendre is the method that conserves the c_{l,k} by construction).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Decimal } from "decimal.js";
import { integrateFlow, type FlowRun } from "../src/flow/integrateFlow.js";
import type { LayeredNetwork } from "../src/net/layeredNetwork.js";
import { readAnyNetworkFile } from "../src/net/readAnyNetworkFile.js";
import { readDataset } from "../src/net/readDataset.js";
import { medianMs, printRatio } from "./timing.js";

const path = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const flat = (run: FlowRun): string[] =>
  (run.params as { layers: { W: string[][]; b?: string[] }[] }).layers.flatMap(({ W, b }) => [...W.flat(), ...(b ?? [])]);
const D100 = Decimal.clone({ precision: 100 });
const distance = (a: string[], b: string[]): string =>
  a
    .reduce((m, v, i) => Decimal.max(m, new D100(v).minus(new D100(b[i]!)).abs()), new D100(0))
    .toSignificantDigits(3)
    .toString();

{
  const net = readAnyNetworkFile(path("../examples/deep.safetensors")) as LayeredNetwork<string>;
  const data = readDataset(readFileSync(path("../examples/deep.csv"), "utf8"), 2, 1);
  let taylor: FlowRun | undefined;
  let gauss: FlowRun | undefined;
  const ours = await medianMs(() => (taylor = integrateFlow(net, data, { time: "1", digits: 30 })), 3, 0);
  const reference = await medianMs(() => (gauss = integrateFlow(net, data, { time: "1", digits: 30, method: "gauss" })), 3, 0);
  printRatio("deep flow T=1, 30 digits, no kinks (2→3→3→1, n=3)", ours, "our gauss", reference);
  console.log(
    `  endpoint distance taylor–gauss ${distance(flat(taylor!), flat(gauss!))} (must be < 1e-25), events ${taylor!.events.length}`,
  );
}

{
  const net = readAnyNetworkFile(path("../examples/deep-sliding.json")) as LayeredNetwork<string>;
  const data = readDataset(readFileSync(path("../examples/deep-sliding.csv"), "utf8"), 2, 1);
  let run: FlowRun | undefined;
  const ours = await medianMs(() => (run = integrateFlow(net, data, { time: "2", digits: 40 })), 3, 0);
  const events = run!.events.map((ev) => `${ev.kind} layer ${ev.layer} neuron ${ev.neuron} point ${ev.point} at t=${ev.t.slice(0, 12)}`);
  console.log(`deep sliding T=2, 40 digits: ${ours.toFixed(1)} ms, events: ${events.join("; ")}, max drift ${run!.maxDrift}`);
  const t0 = performance.now();
  const py = spawnSync("python3", [path("../test/flow/fixtures/deep_sliding_reference.py")], { encoding: "utf8" });
  const referenceMs = performance.now() - t0;
  if (py.status !== 0) console.log(`sympy/mpmath reference did not run: ${py.stderr.trim().split("\n").pop()}`);
  else {
    const ref = JSON.parse(py.stdout) as { slideStart: string; theta: string[] };
    printRatio("deep sliding T=2, 40 digits (2→2→2→1, n=3)", ours, "sympy + mpmath odefun", referenceMs, 20);
    console.log(
      `  slide start distance ${distance([run!.events[0]!.t], [ref.slideStart])}, endpoint distance ${distance(flat(run!), ref.theta)} (must be < 1e-35)`,
    );
  }
}
