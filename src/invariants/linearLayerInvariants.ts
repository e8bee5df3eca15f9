import { at } from "../scalar/at.js";
import { dot } from "../net/dot.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import type { Scalar } from "../scalar/scalar.js";

/**
 * The matrix invariants of a deep linear network, one per hidden layer l = 1 … L − 1:
 * Q_l = W̃_l W̃_lᵀ − W_{l+1}ᵀ W_{l+1} (n_l × n_l), with W̃_l = [W_l | b_l] the weights of
 * layer l with its bias as one more column (read as the weight of a constant input 1), and
 * W_{l+1} the next layer's weights without its bias.
 *
 * Why it is conserved: with h_l = W̃_l [h_{l−1}; 1] and δ_l = ∂loss/∂h_l, the flow gives
 * d(W̃_l W̃_lᵀ)/dt = −(δ_l h_lᵀ + h_l δ_lᵀ), and since δ_l = W_{l+1}ᵀ δ_{l+1} for a linear
 * activation, d(W_{l+1}ᵀ W_{l+1})/dt is the same matrix; summing over the data keeps it so.
 * The bias b_{l+1} only shifts h_{l+1} and enters Q_{l+1}, not Q_l. The diagonal of Q_l is
 * the row l of `layerInvariants`; for two layers Q_1 is `linearInvariant`.
 *
 * @param net - the network; its activation is not looked at (Q_l is conserved only when it is linear)
 * @returns Q_l at index l − 1
 * @example const layers = [{ W: [["1"], ["2"]] }, { W: [["3", "4"]] }];
 * const net = { activation: { kind: "linear" }, layers: layers.map(({ W }) => ({ W: W.map((r) => r.map(exact.parse)) })) };
 * linearLayerInvariants(net, exact)[0].map((r) => r.map(exact.toString))
 * // returns [["-8", "-10"], ["-10", "-12"]]
 */
export function linearLayerInvariants<T>(net: LayeredNetwork<T>, S: Scalar<T>): T[][][] {
  const out: T[][][] = [];
  // every layer but the last, with the weights of the layer above it (whose columns are its units)
  for (const [l, { W, b }] of net.layers.slice(0, -1).entries()) {
    const next = at(net.layers, l + 1).W;
    // unit k: its incoming row (with its bias) and its outgoing column
    const units = W.map((w, k) => ({ row: b ? [...w, at(b, k)] : [...w], col: next.map((r) => at(r, k)) }));
    out.push(units.map((u) => units.map((v) => S.sub(dot(S, u.row, v.row), dot(S, u.col, v.col)))));
  }
  return out;
}
