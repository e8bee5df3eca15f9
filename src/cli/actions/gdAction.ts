import { gradientDescent } from "../../flow/gradientDescent.js";
import { gradientDescentWork } from "../../flow/gradientDescentWork.js";
import { stepBudget } from "../../work/stepBudget.js";
import { enforceWorkCap } from "../enforceWorkCap.js";
import { datasetIn } from "../../net/dataset.js";
import { parseLossKind } from "../../net/loss.js";
import { networkIn, networkToJson } from "../../net/network.js";
import { arithmetic } from "../../scalar/arithmetic.js";
import { intOption, printJson } from "../options.js";
import { progressBar } from "../progress.js";
import { readDatasetFor, readNetworkFile } from "./inputFiles.js";

/** The options of `relutopo gd`, as commander parsed them. */
export interface GdCliOptions {
  net: string;
  data: string;
  lr: string;
  steps: string;
  arith: string;
  loss: string;
  json?: boolean;
  maxSeconds?: string;
}

/** `relutopo gd`: parses the options, runs gradient descent, prints. */
export async function gdAction(opts: GdCliOptions): Promise<void> {
  const S = arithmetic(opts.arith);
  const lossKind = parseLossKind(opts.loss);
  const steps = intOption(opts.steps, "--steps", 0);
  const lr = S.parse(opts.lr);
  const spec = readNetworkFile(opts.net);
  const rawData = readDatasetFor(opts.data, spec);
  const data = datasetIn(rawData, S);
  const cap = enforceWorkCap(gradientDescentWork(spec, rawData, S.name, steps), opts.maxSeconds);
  // exact values grow at every step, which the estimate cannot see: watch the run
  const budget = S.name === "exact" ? stepBudget("gd", steps, cap, "maxSeconds") : () => {};
  const bar = progressBar(steps, "gd");
  let run;
  try {
    run = gradientDescent(networkIn(spec, S), data, S, {
      lr,
      steps,
      loss: lossKind,
      onStep: (t) => {
        bar.update(t);
        budget(t);
      },
    });
  } finally {
    bar.stop();
  }
  const str = (v: unknown): string => S.toString(v);
  const rows = (m: unknown[][]): string[][] => m.map((r) => r.map(str));
  if (opts.json) {
    printJson({
      arith: S.name,
      loss: lossKind,
      lr: str(lr),
      steps,
      params: networkToJson(run.params, S),
      losses: run.losses.map(str),
      invariants: rows(run.invariants),
      drift: { observed: rows(run.observedDrift), predicted: rows(run.predictedDrift) },
    });
    return;
  }
  console.log(`gradient descent: ${steps} steps, lr ${str(lr)}, ${lossKind}, ${S.name}`);
  console.log(`loss  ${str(run.losses[0])}  ->  ${str(run.losses[steps])}`);
  run.invariants[steps]!.forEach((c, k) => console.log(`c_${k}  ${str(run.invariants[0]![k])}  ->  ${str(c)}`));
  const mismatch = run.observedDrift.some((row, t) => row.some((v, k) => !S.eq(v, run.predictedDrift[t]![k])));
  console.log(
    mismatch
      ? "observed drift differs from eta^2(|g_w|^2 - |g_a|^2) (rounding)"
      : "observed drift = eta^2(|g_w|^2 - |g_a|^2) at every step",
  );
}
