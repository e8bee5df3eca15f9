import { aIndex, bIndex, fixedSigmoid, wIndex, type FlowProblem } from "./flowProblem.js";

/** The field at one point and what it was computed from. @internal */
export interface PointField {
  /** −∇L(θ). */
  field: bigint[];
  /** Pre-activations z[i][k]. */
  Z: bigint[][];
  /** The slopes σ' used, per (i, k). */
  slopes: bigint[][];
}

/** The slope σ'(z) of the activation at a fixed-point pre-activation (PyTorch value at 0). @internal */
export function slopeOf(p: FlowProblem, z: bigint): bigint {
  return z > 0n ? p.sPlus : z < 0n ? p.sMinus : p.sZero;
}

/**
 * −∇L(θ) in fixed point. With `slopes` the activation pattern is frozen
 * (σ(z) = s·z with the given s), otherwise it is read from the signs of z.
 * Either way h = s·z and δ = s·back use the same s, so the rescaling identity
 * ⟨∇_w L, w⟩ = ⟨∇_a L, a⟩ holds exactly for the polynomial field used.
 *
 * @internal
 */
export function pointField(p: FlowProblem, theta: readonly bigint[], slopes?: readonly (readonly bigint[])[]): PointField {
  const { F, n, l, e, dIn, X, Y } = p;
  const P = F.bigP;
  const Z: bigint[][] = [];
  const S: bigint[][] = [];
  const H: bigint[][] = [];
  const grad = new Array<bigint>(p.size).fill(0n);
  for (let i = 0; i < n; i++) {
    const zi: bigint[] = [];
    const si: bigint[] = [];
    const hi: bigint[] = [];
    for (let k = 0; k < l; k++) {
      let z = 0n;
      for (let m = 0; m < dIn; m++) z += theta[wIndex(p, k, m)]! * X[i]![m]!;
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
    const r: bigint[] = [];
    for (let j = 0; j < e; j++) {
      let f = 0n;
      for (let k = 0; k < l; k++) f += theta[aIndex(p, j, k)]! * H[i]![k]!;
      f >>= P;
      if (p.outputBias) f += theta[bIndex(p, j)]!;
      const dev = p.loss === "mse" ? f - Y[i]![j]! : fixedSigmoid(p, f) - Y[i]![j]!;
      r.push((p.rScale * dev) >> P);
    }
    for (let j = 0; j < e; j++) {
      if (p.outputBias) grad[bIndex(p, j)]! += r[j]!;
      for (let k = 0; k < l; k++) grad[aIndex(p, j, k)]! += r[j]! * H[i]![k]!;
    }
    for (let k = 0; k < l; k++) {
      let back = 0n;
      for (let j = 0; j < e; j++) back += theta[aIndex(p, j, k)]! * r[j]!;
      const delta = (S[i]![k]! * (back >> P)) >> P;
      if (delta === 0n) continue;
      for (let m = 0; m < dIn; m++) grad[wIndex(p, k, m)]! += delta * X[i]![m]!;
    }
  }
  const field = grad.map((g, idx) => {
    // a and W entries were accumulated as unshifted products; b2 entries are already scaled.
    const isB = p.outputBias && idx >= p.l * dIn + e * l;
    return -(isB ? g : g >> P);
  });
  return { field, Z, slopes: S };
}
