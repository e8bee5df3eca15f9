import { at } from "../scalar/at.js";
import type { LawArchitecture } from "./lawArchitecture.js";
import { activationSlopes } from "./activationSlopes.js";
import { parameterSlots } from "./parameterSlots.js";
import { monomialKey } from "./_internals/monomial.js";

/** A polynomial with integer coefficients: monomial key → coefficient (see `_internals/monomial.ts`). */
export type IntegerPolynomial = Map<string, bigint>;

/**
 * Polynomials P_g(θ) whose gradients ∇P_g span, over every activation region,
 * the fields ∇_θ f(x; θ) (the data enter only through x).
 *
 * Inside a region every hidden neuron n computes s_n·z with s_n one of the
 * activation's slopes, so output o is Σ_i x̃_i F^s_{o,i}(θ) with
 * F^s_{o,i} = Σ_{paths i → o} (Π_{neurons n on the path} s_n)·(Π weights on the path),
 * x̃ = (x, 1) when there are biases (a bias starts a path at its own layer).
 * A law must satisfy ∇h·∇F^s_{o,i} = 0 for every s; F^s is multilinear in s,
 * and when the activation has two distinct slopes (relu, leaky_relu with α ≠ 1,
 * abs) the square-free monomials in s are linearly independent functions on
 * the grid of slope vectors, so the condition holds for every s iff it holds
 * for each coefficient — a single path product. With one slope (linear) the
 * generators are the sums F_{o,i} = (W_L ⋯ W_1)_{o,i} (and the bias sums).
 *
 * @returns one integer polynomial per generator, in a fixed order
 */
export function generatorPolynomials(arch: LawArchitecture): IntegerPolynomial[] {
  const w = arch.widths;
  const L = w.length - 1;
  // index of each parameter by (layer, row, col)
  const index = new Map<string, number>();
  for (const [i, s] of parameterSlots(arch).entries()) index.set(`${s.layer}:${s.row}:${s.col}`, i);
  const slot = (layer: number, row: number, col: number): number => index.get(`${layer}:${row}:${col}`)!;
  const perPath = activationSlopes(arch.activation).length > 1;
  const out: IntegerPolynomial[] = [];
  // Extends a partial path ending at unit `unit` of layer `layer` to the outputs.
  const walk = (layer: number, unit: number, vars: number[], emit: (o: number, vars: number[]) => void): void => {
    if (layer === L) {
      emit(unit, vars);
      return;
    }
    for (let next = 0; next < at(w, layer + 1); next++) {
      vars.push(slot(layer + 1, next, unit));
      walk(layer + 1, next, vars, emit);
      vars.pop();
    }
  };
  // Sources: each input unit, then (with biases) each bias of each layer.
  const sources: Array<{ layer: number; unit: number; first: number | undefined }> = [];
  for (let i = 0; i < w[0]; i++) sources.push({ layer: 0, unit: i, first: undefined });
  if (arch.bias)
    w.forEach((width, l) => {
      if (l > 0) for (let j = 0; j < width; j++) sources.push({ layer: l, unit: j, first: slot(l, j, -1) });
    });
  if (perPath) {
    for (const s of sources)
      walk(s.layer, s.unit, s.first === undefined ? [] : [s.first], (_o, vars) => out.push(new Map([[monomialKey(vars), 1n]])));
    return out;
  }
  // One slope: sum the paths per (output, input) and per (output, constant).
  const groups = new Map<string, IntegerPolynomial>();
  const add = (group: string, vars: number[]): void => {
    let p = groups.get(group);
    if (p === undefined) {
      p = new Map();
      groups.set(group, p);
    }
    const k = monomialKey(vars);
    p.set(k, (p.get(k) ?? 0n) + 1n);
  };
  for (const s of sources)
    walk(s.layer, s.unit, s.first === undefined ? [] : [s.first], (o, vars) =>
      add(s.first === undefined ? `${o}:${s.unit}` : `${o}:const`, vars),
    );
  return [...groups.values()];
}
