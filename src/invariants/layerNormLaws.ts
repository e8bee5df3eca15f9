import type { LayeredNetwork } from "../net/layeredNetwork.js";
import type { Scalar } from "../scalar/scalar.js";

/** The laws a LayerNorm adds to the linear layer it follows (whole-layer laws, not per unit). */
export interface LayerNormLaws<T> {
  /** The layer, 1 … L − 1 (the index of `layerInvariants`' row plus one). */
  readonly layer: number;
  /**
   * ‖W_l‖_F² + ‖b_l‖²: LN(λz) = LN(z) for λ > 0 when ε = 0, so the whole layer's weight and bias are
   * scale invariant together; conserved along gradient flow exactly when ε = 0, only nearly otherwise.
   */
  readonly scale: T;
  /** Σ_j b_l[j], when the layer has a bias: LN(z + t·1) = LN(z), so it is conserved exactly, for any ε. */
  readonly biasSum?: T | undefined;
  /** Σ_j W_l[j, c] for every input column c: conserved exactly for any ε, by the same shift invariance. */
  readonly columnSums: T[];
}

/**
 * The laws of every layer followed by a LayerNorm that the rescaling law c = γ_j² + β_j² − ‖readers‖²
 * (`layerInvariants`) does not cover: the scale invariance of the whole layer and the shift
 * invariance of its bias sum and of each column sum of W. Layers without a LayerNorm give none.
 *
 * @param net - the network
 * @param S - the arithmetic
 * @returns one entry per layer with a LayerNorm, in layer order
 * @example const layers = [{ W: [["1", "2"], ["3", "4"]], b: ["5", "-1"], norm: { kind: "layer", gamma: ["1", "1"], beta: ["0", "0"], eps: "0" } }, { W: [["1", "1"]] }];
 * const [x] = layerNormLaws(networkIn({ activation: { kind: "relu" }, layers }, exact), exact);
 * [exact.toString(x.scale), exact.toString(x.biasSum), x.columnSums.map(exact.toString)]
 * // returns ["56", "4", ["4", "6"]]
 */
export function layerNormLaws<T>(net: LayeredNetwork<T>, S: Pick<Scalar<T>, "zero" | "add" | "mul">): LayerNormLaws<T>[] {
  const out: LayerNormLaws<T>[] = [];
  for (const [l, { W, b, norm }] of net.layers.entries()) {
    if (norm?.kind !== "layer") continue;
    let scale = S.zero;
    const columnSums = (W[0] ?? []).map(() => S.zero);
    for (const row of W)
      row.forEach((v, c) => {
        scale = S.add(scale, S.mul(v, v));
        columnSums[c] = S.add(columnSums[c]!, v);
      });
    let biasSum: T | undefined;
    if (b !== undefined) {
      biasSum = S.zero;
      for (const v of b) {
        scale = S.add(scale, S.mul(v, v));
        biasSum = S.add(biasSum, v);
      }
    }
    out.push({ layer: l + 1, scale, ...(biasSum === undefined ? {} : { biasSum }), columnSums });
  }
  return out;
}
