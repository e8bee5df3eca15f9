import type { Layer } from "../../net/layeredNetwork.js";
import { readerBlock } from "../../net/readerBlock.js";

/**
 * The one definition of which parameters make up c of unit j of `lower` (a neuron, or an output
 * channel of a convolution), the layer `upper` above it: `visit(v, 1)` for every incoming parameter,
 * `visit(v, −1)` for every outgoing one, each list in parameter order, so that
 * c = Σ_{+} v² − Σ_{−} v². Incoming: W_l[j] and b_l[j]; with a batch normalisation on `lower`, its
 * (γ_j, β_j) instead (the kernel and bias before it have laws of their own, `batchNormLaws`).
 * Outgoing: the block of upper's W that reads j (`readerBlock`). Every path that computes c (exact,
 * dyadic, float) goes through here.
 *
 * @internal
 */
export function unitTerms<T>(lower: Layer<T>, upper: Layer<T>, j: number, visit: (v: T, sign: 1 | -1) => void): void {
  const { W, b, norm } = lower;
  if (norm === undefined) {
    // plain indexing in the hot loop: j < W.length, and a checked accessor deoptimises on typed-array rows
    for (const v of W[j]!) visit(v, 1);
    if (b) visit(b[j]!, 1);
  } else {
    visit(norm.gamma[j]!, 1);
    visit(norm.beta[j]!, 1);
  }
  const {
    rows: [r0, r1],
    columns: [c0, c1],
  } = readerBlock(lower, upper, j);
  const next = upper.W;
  for (let r = r0; r < r1; r++) {
    const row = next[r]!;
    for (let c = c0; c < c1; c++) visit(row[c]!, -1);
  }
}
