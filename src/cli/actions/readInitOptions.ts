import { InputError } from "../../errors.js";
import type { Initialisation } from "../../probability/neuronLaw.js";
import { parseInitScheme } from "../../probability/parseInitScheme.js";
import { MAX_SAMPLES } from "../../probability/monteCarloProbability.js";
import type { ProbabilityMethod } from "../../probability/probabilityReport.js";
import type { InitOptions } from "../commands/probability.js";
import { choice, intOption } from "../options.js";

/** Reads --init or --sigma-w2/--sigma-a2 and the Monte Carlo options. @throws InputError */
export function readInitOptions(opts: InitOptions): {
  init: Initialisation;
  method: ProbabilityMethod | undefined;
  samples: number | undefined;
  seed: number | undefined;
} {
  const explicit = opts.sigmaW2 !== undefined || opts.sigmaA2 !== undefined;
  if (explicit && opts.init !== undefined)
    throw new InputError({ field: "--init", expected: "left out when --sigma-w2/--sigma-a2 are given", value: opts.init });
  if (!explicit && opts.init === undefined)
    throw new InputError({ field: "initialisation", expected: "--init SCHEME or both --sigma-w2 and --sigma-a2", value: "none" });
  if (explicit && (opts.sigmaW2 === undefined || opts.sigmaA2 === undefined)) {
    throw new InputError({
      field: "initialisation",
      expected: "both --sigma-w2 and --sigma-a2",
      value: String(opts.sigmaW2 ?? opts.sigmaA2),
    });
  }
  const init: Initialisation = explicit ? { sigmaW2: opts.sigmaW2!, sigmaA2: opts.sigmaA2! } : { scheme: parseInitScheme(opts.init!) };
  return {
    init,
    method: opts.method === undefined ? undefined : choice(opts.method, "--method", ["exact", "monte-carlo"] as const),
    samples: opts.samples === undefined ? undefined : intOption(opts.samples, "--samples", 1, MAX_SAMPLES),
    seed: opts.seed === undefined ? undefined : intOption(opts.seed, "--seed", 0),
  };
}
