import type { FixedLayeredNet } from "./fixedLayeredNet.js";
import { fixedSigmoid } from "./fixedTranscendental.js";

/** The field at one point of a layered net and the activation pattern it was computed with. @internal */
export interface FixedLayeredFieldResult {
  /** −∇L(θ), in the order of θ. */
  field: bigint[];
  /** The slopes σ' used, per hidden layer (index l − 1), point and neuron: slopes[l − 1][i][k]. */
  slopes: bigint[][][];
}

/**
 * −∇L(θ) in fixed point for a network of any depth: the fast path of the exact
 * `lossAndGradient` (forward through every layer, then back-propagation). With
 * `slopes` the activation pattern is frozen (σ(z) = s·z with the given s),
 * otherwise it is read from the signs of z with PyTorch's σ'(0). Either way
 * h = s·z and δ = s·back use the same s, so the field is the gradient of one
 * polynomial loss and the rescaling identity ⟨∇_in L, w_in⟩ = ⟨∇_out L, w_out⟩
 * holds for every hidden neuron of every layer up to rounding. Products are
 * summed unshifted and shifted once per sum, so every entry is within a few
 * units of 2^−P (scaled by the sizes) of the exact gradient at θ.
 *
 * @internal
 */
export function fixedLayeredField(
  p: FixedLayeredNet,
  theta: readonly bigint[],
  slopes?: readonly (readonly (readonly bigint[])[])[],
): FixedLayeredFieldResult {
  const { F, n, X, Y, layout } = p;
  const { depth, widths, weightOffset, biasOffset } = layout;
  const P = F.bigP;
  // Weight entries are accumulated as unshifted products, bias entries as δ·2^P: one shift at the end.
  const grad = new Array<bigint>(layout.size).fill(0n);
  const S: bigint[][][] = Array.from({ length: depth - 1 }, () => []);
  for (let i = 0; i < n; i++) {
    // inputs[l] is the input of weight layer l + 1 (inputs[0] = x_i).
    const inputs: bigint[][] = [X[i]!];
    for (let l = 1; l <= depth; l++) {
      const a = inputs[l - 1]!;
      const rows = widths[l]!;
      const cols = widths[l - 1]!;
      const w0 = weightOffset[l - 1]!;
      const b0 = biasOffset[l - 1]!;
      const z: bigint[] = [];
      for (let r = 0; r < rows; r++) {
        let s = 0n;
        for (let c = 0; c < cols; c++) s += theta[w0 + r * cols + c]! * a[c]!;
        z.push((s >> P) + (b0 < 0 ? 0n : theta[b0 + r]!));
      }
      if (l === depth) {
        inputs.push(z);
        break;
      }
      const si = z.map((v, k) => (slopes ? slopes[l - 1]![i]![k]! : v > 0n ? p.sPlus : v < 0n ? p.sMinus : p.sZero));
      S[l - 1]!.push(si);
      inputs.push(z.map((v, k) => (si[k]! * v) >> P));
    }
    const f = inputs[depth]!;
    let delta = f.map((fj, j) => {
      const dev = p.loss !== "bce" ? fj - Y[i]![j]! : fixedSigmoid(p, fj) - Y[i]![j]!;
      return (p.rScale * dev) >> P;
    });
    for (let l = depth; l >= 1; l--) {
      const a = inputs[l - 1]!;
      const rows = widths[l]!;
      const cols = widths[l - 1]!;
      const w0 = weightOffset[l - 1]!;
      const b0 = biasOffset[l - 1]!;
      for (let r = 0; r < rows; r++) {
        const dr = delta[r]!;
        if (dr === 0n) continue;
        if (b0 >= 0) grad[b0 + r]! += dr << P;
        for (let c = 0; c < cols; c++) grad[w0 + r * cols + c]! += dr * a[c]!;
      }
      if (l === 1) break;
      const s = S[l - 2]![i]!;
      const below: bigint[] = [];
      for (let c = 0; c < cols; c++) {
        let back = 0n;
        for (let r = 0; r < rows; r++) back += theta[w0 + r * cols + c]! * delta[r]!;
        below.push((s[c]! * (back >> P)) >> P);
      }
      delta = below;
    }
  }
  return { field: grad.map((g) => -(g >> P)), slopes: S };
}
