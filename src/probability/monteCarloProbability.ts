import { InputError } from "../errors.js";
import { numerator } from "../scalar/bigintMath.js";
import { seededRandom } from "../scalar/seededRandom.js";
import type { NeuronLaw } from "./neuronLaw.js";
import { monteCarloKey } from "./monteCarloKey.js";

/** Options of {@link monteCarloProbability}. */
export interface MonteCarloOptions {
  /** number of sampled neurons (default 1 000 000) */
  samples?: number;
  /** seed, an integer in [0, 2^53) (default 1) */
  seed?: number;
  /** told now and then the fraction of the samples drawn (a progress bar) */
  onProgress?: ((fraction: number) => void) | undefined;
}

/** How many of `samples` sampled neurons were pathological (‖w‖² < ‖a‖²). */
export interface MonteCarloCount {
  hits: number;
  samples: number;
  seed: number;
}

export const DEFAULT_SAMPLES = 1_000_000;
export const MAX_SAMPLES = 1_000_000_000;

/**
 * Estimates p = P(‖w‖² < ‖a‖²) for one neuron by sampling w ∈ R^{d_in} and
 * a ∈ R^e coordinate by coordinate from `law` (Gaussian or uniform) and
 * counting. The stream is the library's seeded generator (`seededRandom`,
 * sfc32) keyed by {@link monteCarloKey}(seed, d_in, width, e), so a table
 * cell and the single-value command agree for the same seed, and the same
 * seed gives the same count. Gaussians by Box–Muller, uniforms from 53-bit
 * doubles.
 *
 * @throws InputError for a sample count outside [1, 10^9] or a bad seed
 * @example monteCarloProbability(neuronLaw({ scheme: "pytorch-default" }, 3, 4, 1), 3, 4, 1, { samples: 1000, seed: 7 }).samples // returns 1000
 */
export function monteCarloProbability(
  law: NeuronLaw,
  dIn: number,
  width: number,
  e: number,
  options: MonteCarloOptions = {},
): MonteCarloCount {
  const samples = options.samples ?? DEFAULT_SAMPLES;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES)
    throw new InputError({ field: "samples", expected: `an integer in [1, ${MAX_SAMPLES}]`, value: String(samples) });
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new InputError({ field: "seed", expected: "an integer in [0, 2^53)", value: String(seed) });
  const rng = seededRandom(monteCarloKey(seed, dIn, width, e));
  // Compare ‖u‖²·w2 < ‖v‖²·a2 for unit-scale coordinates u, v: the scales enter once, as doubles.
  const w2 = Number(numerator(law.w2)) / Number(law.w2.d);
  const a2 = Number(numerator(law.a2)) / Number(law.a2.d);
  const draw = law.distribution === "normal" ? rng.gaussian : (): number => 2 * rng.nextFloat53() - 1;
  let hits = 0;
  for (let s = 0; s < samples; s++) {
    if (options.onProgress !== undefined && s % 65536 === 0) options.onProgress(s / samples);
    let sw = 0;
    for (let i = 0; i < dIn; i++) {
      const u = draw();
      sw += u * u;
    }
    let sa = 0;
    for (let j = 0; j < e; j++) {
      const v = draw();
      sa += v * v;
    }
    if (sw * w2 < sa * a2) hits++;
  }
  options.onProgress?.(1);
  return { hits, samples, seed };
}
