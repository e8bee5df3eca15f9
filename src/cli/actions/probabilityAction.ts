import { neuronLaw } from "../../probability/neuronLaw.js";
import { DEFAULT_SAMPLES } from "../../probability/monteCarloProbability.js";
import { probabilityWork } from "../../probability/probabilityWork.js";
import { enforceWorkCap } from "../enforceWorkCap.js";
import { progressBar } from "../progress.js";
import { MAX_DIMENSION } from "../../probability/pathologicalProbability.js";
import { MAX_PROBABILITY_DIGITS } from "../../probability/probabilityLimits.js";
import { probabilityReport } from "../../probability/probabilityReport.js";
import type { InitOptions } from "../commands/probability.js";
import { intOption, printJson } from "../options.js";
import { readInitOptions } from "./readInitOptions.js";
import { interruptible } from "../_internals/interruptible.js";

/** Steps of the progress bar: the fraction of the work done, in thousandths. */
const PROGRESS_STEPS = 1000;

/** The options of `relutopo probability`, as commander parsed them. */
export interface ProbabilityOptions extends InitOptions {
  dIn: string;
  width: string;
  e: string;
  digits: string;
  distribution?: boolean;
  json?: boolean;
  maxSeconds?: string;
}

/** `relutopo probability`: computes the report for one shape and prints it. */
export async function probabilityAction(opts: ProbabilityOptions): Promise<void> {
  const dIn = intOption(opts.dIn, "--d-in", 1, MAX_DIMENSION);
  const width = intOption(opts.width, "--width", 1, 1_000_000_000);
  const e = intOption(opts.e, "--e", 1, MAX_DIMENSION);
  const digits = intOption(opts.digits, "--digits", 1, MAX_PROBABILITY_DIGITS);
  const { init, method, samples, seed } = readInitOptions(opts);
  const monteCarlo = method === "monte-carlo" || (method === undefined && neuronLaw(init, dIn, width, e).distribution !== "normal");
  const work = probabilityWork({
    rows: 1,
    dIn,
    e,
    digits,
    samples: monteCarlo ? (samples ?? DEFAULT_SAMPLES) : undefined,
    distributionWidth: opts.distribution === true ? width : undefined,
  });
  enforceWorkCap(work, opts.maxSeconds);
  // a bar with ETA on a terminal when the estimate passes a few seconds, in thousandths of the work
  const bar = progressBar(PROGRESS_STEPS, "probability", work.seconds);
  let report: ReturnType<typeof probabilityReport>;
  try {
    report = interruptible("probability", bar, () =>
      probabilityReport(init, dIn, width, e, {
        digits,
        method,
        samples,
        seed,
        distribution: opts.distribution === true,
        onProgress: (f) => bar.update(Math.round(f * PROGRESS_STEPS)),
      }),
    );
  } finally {
    bar.stop();
  }
  if (opts.json) {
    printJson(report);
    return;
  }
  const name = "scheme" in init ? init.scheme : `sigma_w^2 = ${init.sigmaW2}, sigma_a^2 = ${init.sigmaA2}`;
  const lines = [
    `${name}, d_in = ${dIn}, l = ${width}, e = ${e}${report.rho ? `, rho = sigma_w^2/sigma_a^2 = ${report.rho}` : ""}`,
    `p  = P(neuron pathological)          = ${report.pNeuron}`,
    ...(report.closedForm ? [`   = I_{1/(1+rho)}(d_in/2, e/2)      = ${report.closedForm}`] : []),
    ...(report.ci95
      ? [
          `   Monte Carlo: ${report.hits} of ${report.samples} sampled neurons (seed ${report.seed}), Wilson 95% interval [${report.ci95[0]}, ${report.ci95[1]}]`,
        ]
      : []),
    `q  = P(neuron splits H(c))           = ${report.pSplit}`,
    `P(H(c) disconnected) = 1 - (1-q)^l   = ${report.pDisconnected}`,
    `E[# pathological]    = l p           = ${report.expectedPathological}`,
    `E[b_0]               = (1+q)^l       = ${report.expectedComponents}`,
    ...(report.distribution ? ["P(K = k pathological neurons), k = 0..l:", ...report.distribution.map((v, k) => `  ${k}: ${v}`)] : []),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
