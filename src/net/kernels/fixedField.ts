import type { FixedNet } from "./fixedNet.js";
import { fixedSigmoid } from "./fixedTranscendental.js";

/** The field at one point and what it was computed from. @internal */
export interface FixedFieldResult {
  /** −∇L(θ), in the order of θ. */
  field: bigint[];
  /** Pre-activations z[i][k]. */
  Z: bigint[][];
  /** The slopes σ' used, per (i, k). */
  slopes: bigint[][];
}

/** The slope σ'(z) of the activation at a fixed-point pre-activation (PyTorch value at 0). @internal */
function slopeOf(p: FixedNet, z: bigint): bigint {
  return z > 0n ? p.sPlus : z < 0n ? p.sMinus : p.sZero;
}

/**
 * −∇L(θ) in fixed point: the fast path of the exact `lossAndGradient` for a
 * two-layer network. With `slopes` the activation pattern is frozen
 * (σ(z) = s·z with the given s), otherwise it is read from the signs of z.
 * Either way h = s·z and δ = s·back use the same s, so the rescaling identity
 * ⟨∇_w L, w⟩ = ⟨∇_a L, a⟩ holds exactly for the polynomial field used.
 * Products are summed unshifted and shifted once per sum, so every entry is
 * within a few units of 2^−P (scaled by the sizes) of the exact gradient at θ.
 *
 * @internal
 */
export function fixedField(p: FixedNet, theta: readonly bigint[], slopes?: readonly (readonly bigint[])[]): FixedFieldResult {
  const { F, n, l, e, dIn, X, Y, inSlots, outSlots, outBiasSlots } = p;
  const P = F.bigP;
  const Z: bigint[][] = [];
  const S: bigint[][] = [];
  const H: bigint[][] = [];
  // W and a entries are accumulated as unshifted products (shifted at the end); b2 entries are already scaled.
  const grad = new Array<bigint>(p.size).fill(0n);
  const biasGrad = new Array<bigint>(outBiasSlots.length).fill(0n);
  for (let i = 0; i < n; i++) {
    const zi: bigint[] = [];
    const si: bigint[] = [];
    const hi: bigint[] = [];
    const xi = X[i]!;
    for (let k = 0; k < l; k++) {
      const wk = inSlots[k]!;
      let z = 0n;
      for (let m = 0; m < dIn; m++) z += theta[wk[m]!]! * xi[m]!;
      z >>= P;
      const s = slopes ? slopes[i]![k]! : slopeOf(p, z);
      zi.push(z);
      si.push(s);
      hi.push((s * z) >> P);
    }
    Z.push(zi);
    S.push(si);
    H.push(hi);
  }
  for (let i = 0; i < n; i++) {
    const hi = H[i]!;
    const r: bigint[] = [];
    for (let j = 0; j < e; j++) {
      let f = 0n;
      for (let k = 0; k < l; k++) f += theta[outSlots[k]![j]!]! * hi[k]!;
      f >>= P;
      if (p.outputBias) f += theta[outBiasSlots[j]!]!;
      const dev = p.loss !== "bce" ? f - Y[i]![j]! : fixedSigmoid(p, f) - Y[i]![j]!;
      r.push((p.rScale * dev) >> P);
    }
    for (let j = 0; j < e; j++) {
      if (p.outputBias) biasGrad[j]! += r[j]!;
      for (let k = 0; k < l; k++) grad[outSlots[k]![j]!]! += r[j]! * hi[k]!;
    }
    for (let k = 0; k < l; k++) {
      const ak = outSlots[k]!;
      let back = 0n;
      for (let j = 0; j < e; j++) back += theta[ak[j]!]! * r[j]!;
      const delta = (S[i]![k]! * (back >> P)) >> P;
      if (delta === 0n) continue;
      const wk = inSlots[k]!;
      const xi = X[i]!;
      for (let m = 0; m < dIn; m++) grad[wk[m]!]! += delta * xi[m]!;
    }
  }
  const field = grad.map((g) => -(g >> P));
  outBiasSlots.forEach((q, j) => {
    field[q] = -biasGrad[j]!;
  });
  return { field, Z, slopes: S };
}
