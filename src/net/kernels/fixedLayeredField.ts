import { at } from "../../scalar/at.js";
import { slopeOnSide } from "../slopeOnSide.js";
import { addScaled, dotUnshifted } from "./_internals/seriesProducts.js";
import type { FixedLayeredNet } from "./fixedLayeredNet.js";
import { fixedSigmoid } from "./fixedTranscendental.js";
import { unrolledField } from "./_internals/unrolledField.js";

/** The field at one point of a layered net and the activation pattern it was computed with. @internal */
export interface FixedLayeredFieldResult {
  /** −∇L(θ), in the order of θ. */
  field: bigint[];
  /** The slopes σ' used, per hidden layer (index l − 1), point and neuron: slopes[l − 1][i][k]. */
  slopes: bigint[][][];
  /** With max pooling: per hidden layer that max-pools (index l − 1) and point, the unit each pooled entry took. */
  select?: (Int32Array[] | undefined)[] | undefined;
}

/**
 * −∇L(θ) in fixed point for a network of any depth (two weight layers included): the fast path of the exact
 * `lossAndGradient` (forward through every layer, then back-propagation). With
 * `slopes` the activation pattern is frozen (σ(z) = s·z with the given s),
 * otherwise it is read from the signs of z with PyTorch's σ'(0). Either way
 * h = s·z and δ = s·back use the same s, so the field is the gradient of one
 * polynomial loss and the rescaling identity ⟨∇_in L, w_in⟩ = ⟨∇_out L, w_out⟩
 * holds for every hidden neuron of every layer up to rounding. Products are
 * summed unshifted and shifted once per sum, so every entry is within a few
 * units of 2^−P (scaled by the sizes) of the exact gradient at θ. A network with convolutions runs
 * through its unrolled dense net (`unrolledField`), its max-pool selections frozen with the slopes.
 *
 * @internal
 */
export function fixedLayeredField(
  p: FixedLayeredNet,
  theta: readonly bigint[],
  slopes?: readonly (readonly (readonly bigint[])[])[],
  select?: readonly (readonly Int32Array[] | undefined)[],
): FixedLayeredFieldResult {
  if (p.unrolled !== undefined) return unrolledField(p, p.unrolled, theta, slopes, select);
  const { F, X, Y, layout } = p;
  const { depth, widths, weightOffset, biasOffset } = layout;
  const P = F.bigP;
  // Each weight layer's rows and columns of θ, read once per call.
  const layers = Array.from({ length: depth }, (_, l) => {
    const rows = at(widths, l + 1);
    const cols = at(widths, l);
    const w0 = at(weightOffset, l);
    const b0 = at(biasOffset, l);
    const W = Array.from({ length: rows }, (_, r) => theta.slice(w0 + r * cols, w0 + (r + 1) * cols));
    return {
      W,
      WT: Array.from({ length: cols }, (_, c) => W.map((row) => at(row, c))),
      b: b0 < 0 ? undefined : theta.slice(b0, b0 + rows),
      w0,
      b0,
      cols,
    };
  });
  // Weight entries are accumulated as unshifted products, bias entries as δ·2^P: one shift at the end.
  const grad = new Array<bigint>(layout.size).fill(0n);
  const S: bigint[][][] = Array.from({ length: depth - 1 }, () => []);
  for (const [i, x] of X.entries()) {
    // inputs[l] is the input of weight layer l + 1 (inputs[0] = x_i).
    const inputs: bigint[][] = [x];
    let f: bigint[] = [];
    for (const [l, { W, b }] of layers.entries()) {
      const a = at(inputs, l);
      const z = W.map((row, r) => (dotUnshifted(row, a) >> P) + (b === undefined ? 0n : at(b, r)));
      if (l === depth - 1) {
        f = z;
        break;
      }
      const frozen = slopes === undefined ? undefined : at(at(slopes, l), i);
      const si = z.map((v, k) => (frozen !== undefined ? at(frozen, k) : slopeOnSide(p.slopes, v > 0n ? 1 : v < 0n ? -1 : 0)));
      at(S, l).push(si);
      inputs.push(z.map((v, k) => (at(si, k) * v) >> P));
    }
    const y = at(Y, i);
    let delta = f.map((fj, j) => {
      const dev = p.loss !== "bce" ? fj - at(y, j) : fixedSigmoid(p, fj) - at(y, j);
      return (p.rScale * dev) >> P;
    });
    for (let l = depth - 1; l >= 0; l--) {
      const { WT, w0, b0, cols } = at(layers, l);
      const a = at(inputs, l);
      for (const [r, dr] of delta.entries()) {
        if (dr === 0n) continue;
        if (b0 >= 0) grad[b0 + r] = at(grad, b0 + r) + (dr << P);
        addScaled(grad, w0 + r * cols, dr, a);
      }
      if (l === 0) break;
      const s = at(at(S, l - 1), i);
      delta = WT.map((column, c) => (at(s, c) * (dotUnshifted(column, delta) >> P)) >> P);
    }
  }
  return { field: grad.map((g) => -(g >> P)), slopes: S };
}
