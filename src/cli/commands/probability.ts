import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { INIT_SCHEMES, parseInitScheme, type Initialisation } from "../../probability/initialisation.js";
import { MAX_PROBABILITY_DIGITS } from "../../probability/incompleteBeta.js";
import { MAX_SAMPLES } from "../../probability/monteCarloProbability.js";
import { MAX_DIMENSION } from "../../probability/pathologicalProbability.js";
import { probabilityReport, type ProbabilityMethod } from "../../probability/probabilityReport.js";
import { choice, intOption, printJson } from "../options.js";

/** Help text of `--d-in`, shared with `table probability`. */
export const D_IN_HELP = "fan-in d_in of a hidden neuron: the input dimension d, plus 1 when the hidden layer has a bias (d_in = d + 1)";

/** Options both probability commands share. */
export interface InitOptions {
  init?: string;
  sigmaW2?: string;
  sigmaA2?: string;
  method?: string;
  samples?: string;
  seed?: string;
}

/** Adds --init, --sigma-w2, --sigma-a2, --method, --samples, --seed to a command. */
export function addInitOptions(cmd: Command, defaultSamples: number): Command {
  return cmd
    .option("--init <scheme>", `initialisation: ${INIT_SCHEMES.join(", ")}`)
    .option("--sigma-w2 <A>", "explicit Gaussian variance of each coordinate of w (with --sigma-a2, instead of --init)")
    .option("--sigma-a2 <B>", "explicit Gaussian variance of each coordinate of a (with --sigma-w2)")
    .option("--method <m>", "exact (closed form; Gaussian laws only) or monte-carlo (default: exact for normal laws, monte-carlo for uniform ones)")
    .option("--samples <n>", `Monte Carlo neurons sampled (default ${defaultSamples})`)
    .option("--seed <s>", "Monte Carlo seed, an integer in [0, 2^53) (default 1)");
}

/** Reads --init or --sigma-w2/--sigma-a2 and the Monte Carlo options. @throws InputError */
export function readInitOptions(opts: InitOptions): { init: Initialisation; method: ProbabilityMethod | undefined; samples: number | undefined; seed: number | undefined } {
  const explicit = opts.sigmaW2 !== undefined || opts.sigmaA2 !== undefined;
  if (explicit && opts.init !== undefined) throw new InputError(`invalid --init. Must not be combined with --sigma-w2/--sigma-a2. Value: \`${opts.init}\`.`);
  if (!explicit && opts.init === undefined) throw new InputError("invalid initialisation. Must give --init SCHEME or both --sigma-w2 and --sigma-a2. Value: `none`.");
  if (explicit && (opts.sigmaW2 === undefined || opts.sigmaA2 === undefined)) {
    throw new InputError(`invalid initialisation. Must give both --sigma-w2 and --sigma-a2. Value: \`${opts.sigmaW2 ?? opts.sigmaA2}\`.`);
  }
  const init: Initialisation = explicit ? { sigmaW2: opts.sigmaW2!, sigmaA2: opts.sigmaA2! } : { scheme: parseInitScheme(opts.init!) };
  return {
    init,
    method: opts.method === undefined ? undefined : choice(opts.method, "--method", ["exact", "monte-carlo"] as const),
    samples: opts.samples === undefined ? undefined : intOption(opts.samples, "--samples", 1, MAX_SAMPLES),
    seed: opts.seed === undefined ? undefined : intOption(opts.seed, "--seed", 0),
  };
}

interface ProbabilityOptions extends InitOptions {
  dIn: string;
  width: string;
  e: string;
  digits: string;
  distribution?: boolean;
  json?: boolean;
}

/**
 * `relutopo probability`: p, q, P(H(c) disconnected), E[#pathological], E[b_0]
 * (THEORY.md §5) for one network shape, exact to --digits for Gaussian laws.
 */
export function registerProbability(program: Command): void {
  const cmd = program
    .command("probability")
    .description("probability that a neuron is pathological (|a| > |w|) at initialisation, that H(c) is disconnected, expected counts (docs/theory.md section 5)")
    .requiredOption("--d-in <n>", D_IN_HELP)
    .requiredOption("--width <l>", "number l of hidden neurons")
    .option("--e <e>", "output dimension e", "1")
    .option("--digits <D>", `significant digits of every value, 1..${MAX_PROBABILITY_DIGITS}`, "40")
    .option("--distribution", "add the Binomial(l, p) law of the number of pathological neurons, P(K = k) for k = 0..l")
    .option("--json", "print JSON");
  addInitOptions(cmd, 1_000_000).action((opts: ProbabilityOptions) => {
    const dIn = intOption(opts.dIn, "--d-in", 1, MAX_DIMENSION);
    const width = intOption(opts.width, "--width", 1, 1_000_000_000);
    const e = intOption(opts.e, "--e", 1, MAX_DIMENSION);
    const digits = intOption(opts.digits, "--digits", 1, MAX_PROBABILITY_DIGITS);
    const { init, method, samples, seed } = readInitOptions(opts);
    const report = probabilityReport(init, dIn, width, e, { digits, method, samples, seed, distribution: opts.distribution === true });
    if (opts.json) {
      printJson(report);
      return;
    }
    const name = "scheme" in init ? init.scheme : `sigma_w^2 = ${init.sigmaW2}, sigma_a^2 = ${init.sigmaA2}`;
    const lines = [
      `${name}, d_in = ${dIn}, l = ${width}, e = ${e}${report.rho ? `, rho = sigma_w^2/sigma_a^2 = ${report.rho}` : ""}`,
      `p  = P(neuron pathological)          = ${report.pNeuron}`,
      ...(report.closedForm ? [`   = I_{1/(1+rho)}(d_in/2, e/2)      = ${report.closedForm}`] : []),
      ...(report.ci95 ? [`   Monte Carlo: ${report.hits} of ${report.samples} sampled neurons (seed ${report.seed}), Wilson 95% interval [${report.ci95[0]}, ${report.ci95[1]}]`] : []),
      `q  = P(neuron splits H(c))           = ${report.pSplit}`,
      `P(H(c) disconnected) = 1 - (1-q)^l   = ${report.pDisconnected}`,
      `E[# pathological]    = l p           = ${report.expectedPathological}`,
      `E[b_0]               = (1+q)^l       = ${report.expectedComponents}`,
      ...(report.distribution ? ["P(K = k pathological neurons), k = 0..l:", ...report.distribution.map((v, k) => `  ${k}: ${v}`)] : []),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  });
}
