import { InputError } from "../errors.js";
import { parseActivation, activationName, type Activation } from "../net/activation.js";
import { paramLayout, type ParamLayout } from "../net/paramLayout.js";
import { biasSlot } from "../net/biasSlot.js";
import { weightSlot } from "../net/weightSlot.js";
import { parseRational } from "../scalar/parseRational.js";

/**
 * A fully connected network architecture for conservation-law discovery:
 * widths `[d, h1, …, e]` (at least one hidden layer; `widths.length − 1`
 * weight layers), one activation for every hidden layer, and optionally a
 * bias on every layer (PyTorch's `nn.Linear` default).
 */
export interface LawArchitecture {
  readonly widths: readonly number[];
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
  if (widths.length < 3)
    throw new InputError(
      `invalid widths. Must be at least three positive integers d,h1,…,e (one hidden layer or more). Value: \`${widths.join(",")}\`.`,
    );
  for (const w of widths)
    if (!Number.isInteger(w) || w < 1) throw new InputError(`invalid widths. Must be positive integers. Value: \`${widths.join(",")}\`.`);
  const act = options.activation ?? "relu";
  const activation = typeof act === "string" ? parseActivation(act) : act;
  const arch: LawArchitecture = { widths: [...widths], bias: options.bias ?? false, activation };
  const D = parameterCount(arch);
  if (D > MAX_PARAMETERS)
    throw new InputError(
      `invalid widths. Must have at most ${MAX_PARAMETERS} parameters. Value: \`${widths.join(",")}\` (${D} parameters).`,
    );
  return arch;
}

/** The parameter layout of an architecture: the one flat order of θ (PyTorch `state_dict`). */
export function architectureLayout(arch: LawArchitecture): ParamLayout {
  return paramLayout(arch.widths, arch.bias, arch.activation);
}

/** Total number of parameters D. */
export function parameterCount(arch: LawArchitecture): number {
  return architectureLayout(arch).size;
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

/**
 * θ in the order of the architecture's {@link ParamLayout}: for each weight
 * layer l = 1 … L, the matrix W_l (n_l × n_{l−1}, row-major) and then, with a
 * bias, b_l — PyTorch's `state_dict` order.
 */
export function parameterSlots(arch: LawArchitecture): ParameterSlot[] {
  const L = architectureLayout(arch);
  const out = new Array<ParameterSlot>(L.size);
  const w = arch.widths;
  for (let l = 1; l < w.length; l++) {
    for (let r = 0; r < w[l]!; r++) for (let c = 0; c < w[l - 1]!; c++) out[weightSlot(L, l, r, c)] = { layer: l, row: r, col: c };
    if (L.bias[l - 1]) for (let r = 0; r < w[l]!; r++) out[biasSlot(L, l, r)] = { layer: l, row: r, col: -1 };
  }
  return out;
}

/**
 * Readable names of the parameters, in θ order.
 *
 * Two weight layers (one hidden layer): `w{k}{i}` = W1[k][i] (neuron k,
 * input i), `b{k}` = b1[k], `a{k}` = W2[0][k] for a scalar output or
 * `a{k}{o}` = W2[o][k], output bias `bo` or `bo{o}` — so c_k reads
 * `w11^2 + w12^2 + w13^2 - a1^2`. Deeper nets name by layer:
 * `w{l}_{j}{i}` = W_l[j][i] and `b{l}_{j}`. All indices are 1-based; when a
 * width exceeds 9 the indices are separated by `_` (`w10_3`).
 */
export function parameterNames(arch: LawArchitecture): string[] {
  const w = arch.widths;
  const L = w.length - 1;
  const sep = w.some((x) => x > 9) ? "_" : "";
  const idx = (...xs: number[]): string => xs.map((x) => x + 1).join(sep);
  const e = w[L]!;
  return parameterSlots(arch).map(({ layer, row, col }) => {
    if (L === 2) {
      if (layer === 1) return col < 0 ? `b${idx(row)}` : `w${idx(row, col)}`;
      if (col < 0) return e === 1 ? "bo" : `bo${idx(row)}`;
      return e === 1 ? `a${idx(col)}` : `a${idx(col, row)}`;
    }
    return col < 0 ? `b${layer}_${idx(row)}` : `w${layer}_${idx(row, col)}`;
  });
}

/**
 * The distinct slopes s with σ(z) = s·z on some piece: relu {0, 1},
 * leaky_relu:α {α, 1}, abs {−1, 1}, linear {1} (exact rationals as text).
 */
export function activationSlopes(act: Activation): Array<{ num: bigint; den: bigint }> {
  switch (act.kind) {
    case "linear":
      return [{ num: 1n, den: 1n }];
    case "relu":
      return [
        { num: 0n, den: 1n },
        { num: 1n, den: 1n },
      ];
    case "abs":
      return [
        { num: -1n, den: 1n },
        { num: 1n, den: 1n },
      ];
    case "leaky_relu": {
      const a = parseRational(act.slope);
      return a.num === a.den ? [{ num: 1n, den: 1n }] : [a, { num: 1n, den: 1n }];
    }
  }
}

/** Text form `widths … activation [bias]`, for tables and messages. */
export function architectureLabel(arch: LawArchitecture): string {
  return `${arch.widths.join(",")} ${activationName(arch.activation)}${arch.bias ? " bias" : ""}`;
}
