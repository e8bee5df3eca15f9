import type { Scalar } from "../../scalar/scalar.js";
import type { ConvGeometry } from "./tensorShapes.js";

/**
 * A convolution of one data point (PyTorch `Conv1d`/`Conv2d`, cross-correlation with zero padding):
 * out[j, o] = Σ_{c in j's group, t} W[j][c·taps + t] · x[c, source(o, t)] + b[j], flat channel-major,
 * the bias added last (as the dense layers add theirs).
 *
 * @param W - one row per output channel: its kernel flattened [in / groups][k_1][k_2]
 * @param b - one bias per output channel, or none
 * @param x - the input tensor, flat channel-major
 * @internal
 */
export function convolve<T>(
  S: Scalar<T>,
  g: ConvGeometry,
  W: readonly (readonly T[])[],
  b: readonly T[] | undefined,
  x: readonly T[],
): T[] {
  const { outChannels, groups, inPositions, outPositions, taps, source } = g;
  const inPerGroup = g.inChannels / groups;
  const outPerGroup = outChannels / groups;
  const out = new Array<T>(outChannels * outPositions);
  for (let j = 0; j < outChannels; j++) {
    // the geometry checked that W has outChannels rows of inPerGroup·taps entries and x inChannels·inPositions
    const w = W[j]!;
    const base = Math.floor(j / outPerGroup) * inPerGroup * inPositions;
    for (let o = 0; o < outPositions; o++) {
      let s = S.zero;
      for (let c = 0; c < inPerGroup; c++)
        for (let t = 0; t < taps; t++) {
          const p = source[o * taps + t]!;
          if (p >= 0) s = S.add(s, S.mul(w[c * taps + t]!, x[base + c * inPositions + p]!));
        }
      out[j * outPositions + o] = b === undefined ? s : S.add(s, b[j]!);
    }
  }
  return out;
}

/**
 * The adjoint of {@link convolve} at one data point: adds δ's share to the kernel gradient gW[j][c·taps + t]
 * += δ[j, o]·x[c, source(o, t)] and the bias gradient gb[j] += δ[j, o], in place, and returns Wᵀδ, the
 * gradient with respect to the input (when `back` is asked for: not below the first layer).
 *
 * @param delta - ∂L/∂out at this point, flat channel-major like `convolve`'s result
 * @internal
 */
export function convolveAdjoint<T>(
  S: Scalar<T>,
  g: ConvGeometry,
  W: readonly (readonly T[])[],
  x: readonly T[],
  delta: readonly T[],
  gW: T[][],
  gb: T[],
  back: boolean,
): T[] | undefined {
  const { outChannels, groups, inPositions, outPositions, taps, source } = g;
  const inPerGroup = g.inChannels / groups;
  const outPerGroup = outChannels / groups;
  const dx = back ? new Array<T>(g.inChannels * inPositions).fill(S.zero) : undefined;
  for (let j = 0; j < outChannels; j++) {
    const w = W[j]!;
    const gw = gW[j]!;
    const base = Math.floor(j / outPerGroup) * inPerGroup * inPositions;
    for (let o = 0; o < outPositions; o++) {
      const d = delta[j * outPositions + o]!;
      if (S.sign(d) === 0) continue;
      gb[j] = S.add(gb[j]!, d);
      for (let c = 0; c < inPerGroup; c++)
        for (let t = 0; t < taps; t++) {
          const p = source[o * taps + t]!;
          if (p < 0) continue;
          const q = base + c * inPositions + p;
          const k = c * taps + t;
          gw[k] = S.add(gw[k]!, S.mul(d, x[q]!));
          if (dx !== undefined) dx[q] = S.add(dx[q]!, S.mul(w[k]!, d));
        }
    }
  }
  return dx;
}
