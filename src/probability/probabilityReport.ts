import { InputError } from "../errors.js";
import { derivedQuantities } from "./_internals/derivedQuantities.js";
import { rationalHighPrecision, type HighPrecision } from "./_internals/evaluateParts.js";
import { rationalText as ratToString } from "../scalar/bigintMath.js";
import { binomialDistribution } from "./binomialDistribution.js";
import { GUARD_DIGITS } from "./incompleteBeta.js";
import { checkDigits } from "./checkDigits.js";
import { neuronLaw, type Initialisation } from "./neuronLaw.js";
import { varianceRatio } from "./varianceRatio.js";
import { monteCarloProbability } from "./monteCarloProbability.js";
import { pathologicalProbabilityHighPrecision } from "./pathologicalProbabilityHighPrecision.js";
import { checkDimension } from "./checkDimension.js";
import { wilsonInterval } from "./wilsonInterval.js";

/** How p is obtained: the exact closed form (normal laws only) or Monte Carlo. */
export type ProbabilityMethod = "exact" | "monte-carlo";

/** Options of {@link probabilityReport}. */
export interface ProbabilityReportOptions {
  /** significant digits of every decimal (default 40) */
  digits?: number;
  /** default: exact for normal laws, monte-carlo for uniform ones */
  method?: ProbabilityMethod;
  /** Monte Carlo sample count (default 1 000 000) */
  samples?: number;
  /** Monte Carlo seed (default 1) */
  seed?: number;
  /** add the Binomial(l, p) law of the number of pathological neurons */
  distribution?: boolean;
  /** print the exact closed form (default true; tables leave it out) */
  closedForm?: boolean;
  /**
   * Told now and then the fraction of the long work done: the Monte Carlo samples and the
   * distribution's l terms (each half of it when both run); the closed forms take no time.
   */
  onProgress?: ((fraction: number) => void) | undefined;
}

/**
 * The probabilities of docs/theory.md §5 for one network shape. Every value is a
 * decimal string with `digits` significant digits (rounded once from a proven
 * higher-precision value); counts are strings.
 */
export interface ProbabilityReport {
  /** p: one neuron is pathological, P(‖w‖² < ‖a‖²) */
  pNeuron: string;
  /** q: one neuron splits H(c) (p, 1, 1 − p or 0 by the case of d_in and e) */
  pSplit: string;
  /** 1 − (1 − q)^l */
  pDisconnected: string;
  /** l·p */
  expectedPathological: string;
  /** E[b_0] = (1 + q)^l */
  expectedComponents: string;
  /** exact closed form of pNeuron (exact method) */
  closedForm?: string;
  /** σ_w²/σ_a² exactly (exact method) */
  rho?: string;
  /** Wilson 95 % interval of pNeuron (Monte Carlo) */
  ci95?: [string, string];
  /** Monte Carlo: pathological neurons counted, neurons sampled, seed */
  hits?: string;
  samples?: string;
  seed?: string;
  /** P(#pathological = k) for k = 0…l (with `distribution`) */
  distribution?: string[];
}

/**
 * Every probability of docs/theory.md §5 for a width-`width` network whose hidden
 * neurons have fan-in `dIn` (input dimension d, plus 1 with a hidden bias) and
 * `e` outputs, under an initialisation: exact closed forms for Gaussian laws,
 * seeded Monte Carlo with a Wilson 95 % interval for uniform ones.
 *
 * @param init - the initialisation
 * @param dIn - the fan-in of a hidden neuron
 * @param width - the number of hidden neurons
 * @param e - the number of outputs (default 1)
 * @param options - digits, method, samples and seed
 * @returns the probabilities, as decimal text
 * @throws InputError for bad dimensions, digits, samples, seed, or exact method with a uniform law
 * @example probabilityReport({ scheme: "kaiming-normal" }, 2, 2, 1, { digits: 6 }).closedForm // returns "1 - sqrt(2)/2"
 */
export function probabilityReport(
  init: Initialisation,
  dIn: number,
  width: number,
  e = 1,
  options: ProbabilityReportOptions = {},
): ProbabilityReport {
  const digits = checkDigits(options.digits ?? 40);
  checkDimension(dIn, "dIn");
  checkDimension(e, "e");
  if (!Number.isInteger(width) || width < 1) throw new InputError({ field: "width", expected: "a positive integer", value: String(width) });
  const law = neuronLaw(init, dIn, width, e);
  const method = options.method ?? (law.distribution === "normal" ? "exact" : "monte-carlo");
  if (method === "exact" && law.distribution !== "normal") {
    throw new InputError({
      field: "method",
      expected: `monte-carlo for ${law.name}`,
      value: "exact",
      note: "It draws uniform weights, which have no closed form.",
    });
  }
  const tol = digits + GUARD_DIGITS;
  const tell = options.onProgress;
  let p: HighPrecision;
  let extra: Partial<ProbabilityReport>;
  if (method === "exact") {
    const rho = varianceRatio(law);
    const { hp, expression } = pathologicalProbabilityHighPrecision(dIn, e, rho, digits);
    p = hp;
    extra = options.closedForm === false ? { rho: ratToString(rho) } : { closedForm: expression(), rho: ratToString(rho) };
  } else {
    const mc = monteCarloProbability(law, dIn, width, e, {
      samples: options.samples,
      seed: options.seed,
      onProgress: tell === undefined ? undefined : (f) => tell(options.distribution ? f / 2 : f),
    });
    // the estimate k/n is an exact rational: its value and complement are correctly rounded
    p = rationalHighPrecision(BigInt(mc.hits), BigInt(mc.samples), tol);
    extra = {
      ci95: wilsonInterval(mc.hits, mc.samples, "0.95", digits),
      hits: String(mc.hits),
      samples: String(mc.samples),
      seed: String(mc.seed),
    };
  }
  const report: ProbabilityReport = { ...derivedQuantities(p, dIn, e, width, digits, tol), ...extra };
  if (options.distribution) {
    const from = method === "exact" ? 0 : 1 / 2;
    report.distribution = binomialDistribution(p, width, digits, tell === undefined ? undefined : (f) => tell(from + (1 - from) * f));
  }
  return report;
}
