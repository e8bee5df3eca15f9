import type { Command } from "commander";
import { INIT_SCHEMES } from "../../probability/probabilityLimits.js";
import { MAX_PROBABILITY_DIGITS } from "../../probability/probabilityLimits.js";
import type { ProbabilityOptions } from "../actions/probabilityAction.js";
import { addMaxSecondsOption } from "./maxSecondsOption.js";
import type { Settle } from "../outcome.js";

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
    .option(
      "--method <m>",
      "exact (closed form; Gaussian laws only) or monte-carlo (default: exact for normal laws, monte-carlo for uniform ones)",
    )
    .option("--samples <n>", `Monte Carlo neurons sampled (default ${defaultSamples})`)
    .option("--seed <s>", "Monte Carlo seed, an integer in [0, 2^53) (default 1)");
}

/**
 * `relutopo probability`: p, q, P(H(c) disconnected), E[#pathological], E[b_0]
 * (docs/theory.md §5) for one network shape, exact to --digits for Gaussian laws.
 */
export function registerProbability(program: Command, settle: Settle): void {
  const cmd = program
    .command("probability")
    .description(
      "probability that a neuron is pathological (|a| > |w|) at initialisation, that H(c) is disconnected, expected counts (docs/theory.md section 5)",
    )
    .requiredOption("--d-in <n>", D_IN_HELP)
    .requiredOption("--width <l>", "number l of hidden neurons")
    .option("--e <e>", "output dimension e", "1")
    .option("--digits <D>", `significant digits of every value, 1..${MAX_PROBABILITY_DIGITS}`, "40")
    .option("--distribution", "add the Binomial(l, p) law of the number of pathological neurons, P(K = k) for k = 0..l")
    .option("--json", "print JSON");
  addMaxSecondsOption(addInitOptions(cmd, 1_000_000)).action(
    settle(async (opts: ProbabilityOptions) => (await import("../actions/probabilityAction.js")).probabilityAction(opts)),
  );
}
