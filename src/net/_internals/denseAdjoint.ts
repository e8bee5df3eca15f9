import { at } from "../../scalar/at.js";
import type { Scalar } from "../../scalar/scalar.js";

/**
 * The adjoint of a fully connected layer z = W a + b at one data point: adds δ's share to the gradients
 * gW[r][c] += δ_r·a_c and gb[r] += δ_r in place, and returns Wᵀδ (summed over rows r in order) when
 * `back` is asked for (not below the first layer).
 *
 * @param top - whether this is the output layer, whose zero δ still count (a hidden unit with δ = 0 adds
 *   nothing: skipped so that float sums keep the sign of their zeros)
 * @internal
 */
export function denseAdjoint<T>(
  S: Scalar<T>,
  W: readonly (readonly T[])[],
  a: readonly T[],
  delta: readonly T[],
  gW: T[][],
  gb: T[],
  back: boolean,
  top: boolean,
): T[] | undefined {
  const dx = back ? new Array<T>(a.length).fill(S.zero) : undefined;
  for (const [r, dr] of delta.entries()) {
    if (top || S.sign(dr) !== 0) {
      gb[r] = S.add(at(gb, r), dr);
      const row = at(gW, r);
      // row, a and dx have the width of the layer's input: c < a.length bounds all three (hot: plain indexing).
      for (let c = 0; c < a.length; c++) row[c] = S.add(row[c]!, S.mul(dr, a[c]!));
    }
    if (dx === undefined) continue;
    const w = at(W, r);
    for (let c = 0; c < a.length; c++) dx[c] = S.add(dx[c]!, S.mul(w[c]!, dr));
  }
  return dx;
}
