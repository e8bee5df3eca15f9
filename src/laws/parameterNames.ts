import { at } from "../scalar/at.js";
import { parameterSlots } from "./parameterSlots.js";
import type { LawArchitecture } from "./lawArchitecture.js";

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
  const e = at(w, L);
  return parameterSlots(arch).map(({ layer, row, col }) => {
    if (L === 2) {
      if (layer === 1) return col < 0 ? `b${idx(row)}` : `w${idx(row, col)}`;
      if (col < 0) return e === 1 ? "bo" : `bo${idx(row)}`;
      return e === 1 ? `a${idx(col)}` : `a${idx(col, row)}`;
    }
    return col < 0 ? `b${layer}_${idx(row)}` : `w${layer}_${idx(row, col)}`;
  });
}
