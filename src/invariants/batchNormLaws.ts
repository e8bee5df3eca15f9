import type { LayeredNetwork } from "../net/layeredNetwork.js";
import type { Scalar } from "../scalar/scalar.js";

/** The laws a batch normalisation adds to one layer, per unit or channel j. */
export interface BatchNormLaws<T> {
  /** The layer, 1 … L − 1 (the index of `layerInvariants`' row plus one). */
  readonly layer: number;
  /**
   * ‖W_l[j]‖²: the kernel (or row) feeding BatchNorm channel j is scale invariant, so its squared
   * norm is conserved along gradient flow exactly when ε = 0 (with PyTorch's ε = 1e−5 only nearly),
   * and grows by η²‖g‖² per plain gradient descent step.
   */
  readonly kernel: T[];
  /** b_l[j], when the layer has a bias: BatchNorm subtracts the batch mean, so its gradient is 0 and it is conserved for any ε. */
  readonly bias?: T[] | undefined;
}

/**
 * The laws of every batch-normalised layer that the rescaling law c = γ_j² + β_j² − ‖readers‖²
 * (`layerInvariants`) does not cover: per channel j the squared norm of the weights feeding it (scale
 * invariance) and the bias before it (zero gradient). Layers without a batch normalisation give none.
 *
 * @param net - the network
 * @param S - the arithmetic
 * @returns one entry per batch-normalised layer, in layer order
 * @example const layers = [{ W: [["3", "4"]], b: ["5"], norm: { gamma: ["1"], beta: ["0"], eps: "0" } }, { W: [["1"]] }];
 * batchNormLaws(networkIn({ activation: { kind: "relu" }, layers }, exact), exact)[0].kernel.map(exact.toString)
 * // returns ["25"]
 */
export function batchNormLaws<T>(net: LayeredNetwork<T>, S: Pick<Scalar<T>, "zero" | "add" | "mul">): BatchNormLaws<T>[] {
  const out: BatchNormLaws<T>[] = [];
  for (const [l, { W, b, norm }] of net.layers.entries()) {
    // a LayerNorm's laws are whole-layer ones (`layerNormLaws`)
    if (norm === undefined || norm.kind === "layer") continue;
    const kernel = W.map((row) => {
      let s = S.zero;
      for (const v of row) s = S.add(s, S.mul(v, v));
      return s;
    });
    out.push({ layer: l + 1, kernel, bias: b === undefined ? undefined : [...b] });
  }
  return out;
}
