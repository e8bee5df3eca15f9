import { InputError } from "../errors.js";
import type { Activation } from "../net/activation.js";
import { parseActivation } from "../net/parseActivation.js";
import { parameterCount } from "./parameterCount.js";

/**
 * A fully connected network architecture for conservation-law discovery:
 * widths `[d, h1, …, e]` (at least one hidden layer; `widths.length − 1`
 * weight layers), one activation for every hidden layer, and optionally a
 * bias on every layer (PyTorch's `nn.Linear` default).
 */
export interface LawArchitecture {
  /** `[d, h1, …, e]`: at least an input, a hidden and an output width, so those three read without a check. */
  readonly widths: readonly [number, number, number, ...number[]];
  readonly bias: boolean;
  readonly activation: Activation;
}

/** Options of {@link lawArchitecture}. */
export interface LawArchitectureOptions {
  /** A bias on every layer (default false). */
  bias?: boolean;
  /** `relu` (default), `leaky_relu:<slope>`, `abs` or `linear`, or a parsed activation. */
  activation?: string | Activation;
}

/** Largest total number of parameters accepted (the exact algebra grows quickly past this). */
export const MAX_PARAMETERS = 4000;

/**
 * Validates an architecture.
 *
 * @param widths - `[d, h1, …, e]`, every entry a positive integer, at least three entries
 * @throws InputError for too few or non-positive widths, an unknown activation, or too many parameters
 * @example lawArchitecture([3, 4, 1]).widths // returns [3, 4, 1]
 */
export function lawArchitecture(widths: readonly number[], options: LawArchitectureOptions = {}): LawArchitecture {
  const value = widths.join(",");
  const [d, h1, e, ...deeper] = widths;
  if (d === undefined || h1 === undefined || e === undefined)
    throw new InputError({ field: "widths", expected: "at least three positive integers d,h1,…,e (one hidden layer or more)", value });
  for (const w of widths)
    if (!Number.isInteger(w) || w < 1) throw new InputError({ field: "widths", expected: "positive integers", value });
  const act = options.activation ?? "relu";
  const activation = typeof act === "string" ? parseActivation(act) : act;
  const arch: LawArchitecture = { widths: [d, h1, e, ...deeper], bias: options.bias ?? false, activation };
  const D = parameterCount(arch);
  if (D > MAX_PARAMETERS)
    throw new InputError({ field: "widths", expected: `at most ${MAX_PARAMETERS} parameters`, value, note: `That is ${D} parameters.` });
  return arch;
}

/**
 * Where one parameter sits: weight layer `layer` (1-based), `row` = the unit
 * it feeds (0-based), `col` = the unit it reads (0-based), or `col = -1` for a bias.
 */
export interface ParameterSlot {
  layer: number;
  row: number;
  col: number;
}
