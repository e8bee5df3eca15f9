import { at } from "../../../scalar/at.js";
import { slopeOnSide } from "../../slopeOnSide.js";
import type { FixedLayeredNet } from "../fixedLayeredNet.js";
import { fixedSigmoid } from "../fixedTranscendental.js";
import { dotUnshifted } from "./seriesProducts.js";
import type { UnrolledNet } from "./unrolledConv.js";

/** What {@link unrolledField} returns: the field and the region it used, to freeze it. @internal */
export interface UnrolledFieldResult {
  field: bigint[];
  /** σ′ per hidden layer (index l − 1), point and unit. */
  slopes: bigint[][][];
  /** Per hidden layer that max-pools (index l − 1) and point, the unit each pooled entry took. */
  select: (Int32Array[] | undefined)[];
}

/**
 * −∇L(θ) in fixed point of a network with convolutions, through its unrolled dense net (`unrollNetwork`):
 * forward with a dense row per (channel, position) and pooling after the activation, back-propagation
 * with Πᵀ after each pooling, the gradient of every dense entry added into its θ slot (tied kernel entries
 * sum there). The fixed-point field of `fixedLayeredField` for such a network; with `slopes` and
 * `select` the activation pattern and the max-pool selections are frozen, otherwise read from the signs
 * of z (PyTorch's σ′(0)) and the first largest entry of each window (PyTorch's rule).
 *
 * @internal
 */
export function unrolledField(
  p: FixedLayeredNet,
  net: UnrolledNet,
  theta: readonly bigint[],
  slopes?: readonly (readonly (readonly bigint[])[])[],
  select?: readonly (readonly Int32Array[] | undefined)[],
): UnrolledFieldResult {
  const P = p.F.bigP;
  const depth = net.layers.length;
  const layers = net.layers.map((tied) => {
    const W = tied.slots.map((row) => Array.from(row, (slot) => (slot < 0 ? 0n : at(theta, slot))));
    return {
      tied,
      W,
      WT: Array.from({ length: tied.cols }, (_, c) => W.map((row) => at(row, c))),
      b: tied.bias === undefined ? undefined : Array.from(tied.bias, (slot) => at(theta, slot)),
    };
  });
  const grad = new Array<bigint>(theta.length).fill(0n);
  const S: bigint[][][] = Array.from({ length: depth - 1 }, () => []);
  const chosen: (Int32Array[] | undefined)[] = net.layers.slice(0, -1).map((l) => (l.pool?.kind === "max" ? [] : undefined));
  for (const [i, x] of p.X.entries()) {
    // inputs[l] is the input of weight layer l + 1 (inputs[0] = x_i), the pooled activation above layer 1
    const inputs: bigint[][] = [x];
    const picks: (Int32Array | undefined)[] = [];
    let f: bigint[] = [];
    for (const [l, { W, b, tied }] of layers.entries()) {
      const a = at(inputs, l);
      const z = W.map((row, r) => (dotUnshifted(row, a) >> P) + (b === undefined ? 0n : at(b, r)));
      if (l === depth - 1) {
        f = z;
        break;
      }
      const frozen = slopes === undefined ? undefined : at(at(slopes, l), i);
      const si = z.map((v, k) => (frozen !== undefined ? at(frozen, k) : slopeOnSide(p.slopes, v > 0n ? 1 : v < 0n ? -1 : 0)));
      at(S, l).push(si);
      const h = z.map((v, k) => (at(si, k) * v) >> P);
      const pool = tied.pool;
      if (pool === undefined) {
        picks.push(undefined);
        inputs.push(h);
      } else if (pool.kind === "avg") {
        picks.push(undefined);
        inputs.push(pool.windows.map((w) => w.reduce((s, u) => s + at(h, u), 0n) / BigInt(w.length)));
      } else {
        const fixed = select?.[l]?.[i];
        // strictly larger: on a tie the earlier entry stays
        const pick = fixed ?? Int32Array.from(pool.windows, (w) => w.reduce((best, u) => (at(h, u) > at(h, best) ? u : best), at(w, 0)));
        picks.push(pick);
        at(chosen, l)?.push(pick);
        inputs.push(Array.from(pick, (u) => at(h, u)));
      }
    }
    const y = at(p.Y, i);
    let delta = f.map((fj, j) => {
      const dev = p.loss !== "bce" ? fj - at(y, j) : fixedSigmoid(p, fj) - at(y, j);
      return (p.rScale * dev) >> P;
    });
    for (let l = depth - 1; l >= 0; l--) {
      const { WT, tied } = at(layers, l);
      const a = at(inputs, l);
      for (const [r, dr] of delta.entries()) {
        if (dr === 0n) continue;
        const bias = tied.bias?.[r];
        if (bias !== undefined) grad[bias] = at(grad, bias) + (dr << P);
        const slots = at(tied.slots, r);
        for (const c of at(tied.nonzero, r)) {
          const slot = at(slots, c);
          grad[slot] = at(grad, slot) + dr * at(a, c);
        }
      }
      if (l === 0) break;
      const s = at(at(S, l - 1), i);
      const backA = WT.map((column) => dotUnshifted(column, delta) >> P);
      const below = at(layers, l - 1).tied;
      const pool = below.pool;
      let back = backA;
      if (pool !== undefined) {
        back = new Array<bigint>(below.rows).fill(0n);
        const pick = picks[l - 1];
        if (pick !== undefined) for (const [m, u] of pick.entries()) back[u] = at(back, u) + at(backA, m);
        else
          for (const [u, readers] of pool.readers.entries())
            back[u] = readers.reduce((acc, m) => acc + at(backA, m), 0n) / BigInt(at(pool.windows, 0).length);
      }
      delta = back.map((v, c) => (at(s, c) * v) >> P);
    }
  }
  return { field: grad.map((g) => -(g >> P)), slopes: S, select: chosen };
}
