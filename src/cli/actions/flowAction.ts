import { FLOW_METHODS, MAX_FLOW_DIGITS, MIN_FLOW_DIGITS, type FlowMethod } from "../../flow/flowMethods.js";
import { flowWork } from "../../flow/flowWork.js";
import { assertFlowMagnitudes } from "../../flow/assertFlowMagnitudes.js";
import { type FlowRun, integrateFlow } from "../../flow/integrateFlow.js";
import { progressBudget } from "../../work/progressBudget.js";
import { enforceWorkCap } from "../enforceWorkCap.js";
import { parseLossKind } from "../../net/parseLossKind.js";
import { choice, intOption, printJson } from "../options.js";
import { progressBar } from "../progress.js";
import { dynamicsNetwork } from "../_internals/dynamicsNetwork.js";
import { readDataset } from "../../net/readDataset.js";
import { readTextFile } from "../../io/readTextFile.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { at } from "../../scalar/at.js";
import { interruptible } from "../_internals/interruptible.js";

/** The options of `relutopo flow`, as commander parsed them. */
export interface FlowCliOptions {
  net?: string;
  arch?: string;
  initSeed?: string;
  data: string;
  time: string;
  digits: string;
  method: string;
  samples: string;
  steps?: string;
  loss: string;
  weightDecay?: string;
  /** false with --no-bias-decay. */
  biasDecay?: boolean;
  momentum?: string;
  json?: boolean;
  maxSeconds?: string;
}

/** `relutopo flow`: parses the options, integrates, prints. */
export async function flowAction(opts: FlowCliOptions): Promise<void> {
  const digits = intOption(opts.digits, "--digits", MIN_FLOW_DIGITS, MAX_FLOW_DIGITS);
  const method = choice<FlowMethod>(opts.method, "--method", FLOW_METHODS);
  const samples = intOption(opts.samples, "--samples", 0, 100000);
  const steps = opts.steps === undefined ? undefined : intOption(opts.steps, "--steps", 1);
  const loss = parseLossKind(opts.loss);
  const net = await dynamicsNetwork(opts);
  const data = readDataset(readTextFile(opts.data), inputWidth(net), at(net.layers, net.layers.length - 1).W.length, opts.data);
  const conv = net.layers.some((l) => l.conv !== undefined);
  // before the estimate, which would otherwise only ask for a larger --max-seconds
  assertFlowMagnitudes(net, data);
  const work = flowWork(net, data, { method, digits, time: timeSize(opts.time), samples, loss, ...(steps === undefined ? {} : { steps }) });
  const cap = enforceWorkCap(work, opts.maxSeconds);
  // steps shrink near huge values, which no estimate sees: watch the run
  const budget = progressBudget(method, cap, "maxSeconds");
  const bar = progressBar(1000, `flow ${method}`, work.seconds);
  let run: FlowRun;
  try {
    run = interruptible("flow", bar, () =>
      integrateFlow(net, data, {
        time: opts.time,
        digits,
        method,
        samples,
        loss,
        ...(steps === undefined ? {} : { steps }),
        ...(opts.weightDecay === undefined ? {} : { weightDecay: opts.weightDecay }),
        ...(opts.biasDecay === false ? { biasDecay: false } : {}),
        ...(opts.momentum === undefined ? {} : { momentum: opts.momentum }),
        onProgress: (f) => {
          bar.update(Math.round(f * 1000));
          budget(f);
        },
      }),
    );
  } finally {
    bar.stop();
  }
  if (opts.json) {
    printJson(run);
    return;
  }
  const dynamics =
    run.weightDecay !== undefined
      ? `gradient flow with weight decay ${run.weightDecay.lambda}`
      : run.biasFreeDecay !== undefined
        ? `gradient flow with weight decay ${run.biasFreeDecay.lambda} on the weights only (biases not decayed)`
        : run.momentum !== undefined
          ? `heavy-ball flow with friction ${run.momentum.gamma}`
          : "gradient flow";
  console.log(`${dynamics} to t = ${run.time}: ${method}, ${digits} digits, ${loss}`);
  console.log(`loss  ${run.loss0}  ->  ${run.lossT}`);
  // neurons are named k (two layers) or l,k (hidden layer l), both from 1
  const names =
    run.layers?.flatMap((layer) => layer.invariants0.map((_, k) => `${layer.layer},${k + 1}`)) ?? run.invariants0.map((_, k) => `${k + 1}`);
  const cs = run.layers === undefined ? "the c_k" : conv ? "the per-channel c_l,j" : "the c_l,k";
  // fixed point resolves absolute sizes down to about 10^-D: a smaller value is printed as 0, and said to be
  const unresolved = (c: string): string => (c === "0" ? ` (below the resolution of ${digits}-digit fixed point; raise --digits)` : "");
  for (const [k, c] of run.invariantsT.entries())
    console.log(`c${names[k]}  ${run.invariants0[k]}  ->  ${c}${run.invariants0[k] === "0" ? "" : unresolved(c)}`);
  if (run.weightDecay !== undefined) {
    for (const [k, c] of run.weightDecay.predictedT.entries())
      console.log(`c${names[k]}(0)·e^(-2λT) = ${c}${run.invariants0[k] === "0" ? "" : unresolved(c)}`);
    console.log(
      `max deviation of ${cs} from ${cs.slice(4)}(0)·e^(-2λt): ${run.maxDrift} (relative ${run.weightDecay.maxRelativeDeviation})`,
    );
  } else if (run.biasFreeDecay !== undefined) {
    console.log(`no closed law: the biases are not decayed, so ${cs} follow c' = -2λ(c - b²), b the neuron's incoming bias`);
    console.log(`max residual of c' = -2λ(c - b²): ${run.biasFreeDecay.maxIdentityResidual}`);
  } else if (run.momentum !== undefined) {
    console.log(`max change of ${cs}: ${run.maxDrift}`);
    console.log(`max residual of c'' + γc' = 2(|w'|² - |a'|²): ${run.momentum.maxIdentityResidual}`);
  } else console.log(`max drift of ${cs}: ${run.maxDrift}`);
  console.log(`${conv ? "kink and max-pool switch" : "kink"} events: ${run.events.length}`);
  for (const ev of run.events) {
    const neuron = ev.layer === undefined ? `${ev.neuron + 1}` : `${ev.layer},${ev.neuron + 1}`;
    const unit = ev.position === undefined ? `neuron ${neuron}` : `channel ${neuron} at position ${ev.position + 1}`;
    const pooled = `point ${ev.point + 1}: max-pool window ${(ev.window ?? 0) + 1} of layer ${ev.layer}`;
    if (ev.kind === "switch") console.log(`  t = ${ev.t}  ${pooled} switches to ${unit}`);
    else if (ev.window !== undefined && ev.kind === "slide") console.log(`  t = ${ev.t}  ${pooled} slides along its tie with ${unit}`);
    else if (ev.window !== undefined) console.log(`  t = ${ev.t}  ${pooled} leaves its tie, ${unit} selected`);
    else console.log(`  t = ${ev.t}  ${unit}, point ${ev.point + 1}: ${ev.kind}`);
  }
  if (run.momentum !== undefined) {
    for (const [k, verdict] of run.momentum.outputSign.entries()) console.log(`neuron ${names[k]}: output-weight sign ${verdict}`);
    return;
  }
  if (run.layers !== undefined) {
    printLayerSigns(run);
    return;
  }
  console.log(
    run.signChanges.length === 0
      ? "no output-weight sign changed"
      : `output-weight sign changed for neurons ${run.signChanges.map((k) => k + 1).join(", ")}`,
  );
}

/** The entries of one data row: the input tensor's (channels × size) of a network with convolutions, else the first layer's columns. */
function inputWidth(net: LayeredNetwork<string>): number {
  if (net.input !== undefined) return net.input.channels * net.input.size.reduce((p, n) => p * n, 1);
  return at(at(net.layers, 0).W, 0).length;
}

/** The size of --time as a number, for the estimate only (integrateFlow parses and checks it exactly). */
function timeSize(text: string): number {
  const [num, den] = text.trim().split("/");
  const v = Number(num) / (den === undefined ? 1 : Number(den));
  return Number.isFinite(v) ? Math.abs(v) : 1;
}

/** The sign changes of a deep network's run, per hidden layer (neurons from 1). */
function printLayerSigns(run: FlowRun): void {
  for (const layer of run.layers ?? []) {
    const what =
      layer.signChanges === null
        ? "outgoing weights are vectors, signs not tracked"
        : layer.signChanges.length === 0
          ? "no outgoing-weight sign changed"
          : `outgoing-weight sign changed for neurons ${layer.signChanges.map((k) => k + 1).join(", ")}`;
    console.log(`layer ${layer.layer}: ${what}`);
  }
}
