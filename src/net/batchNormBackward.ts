import { at } from "../scalar/at.js";
import type { Scalar } from "../scalar/scalar.js";
import type { BatchNormPass } from "./batchNormForward.js";
import type { BatchNorm } from "./layeredNetwork.js";

/** The gradient through one batch normalisation. */
export interface BatchNormGradient<T> {
  /** ∂L/∂z of the pre-activations, laid out like them. */
  readonly dZ: T[][];
  /** ∂L/∂γ_j = Σ ẑ ∂L/∂y over channel j's values. */
  readonly dGamma: T[];
  /** ∂L/∂β_j = Σ ∂L/∂y over channel j's values. */
  readonly dBeta: T[];
}

/**
 * The adjoint of {@link batchNormForward}: from ∂L/∂y of its output to ∂L/∂z of its input and the
 * gradients of γ and β. With ∂L/∂ẑ = γ_j ∂L/∂y and the m values of channel j,
 * ∂L/∂z = (1/√(σ_j² + ε)) (∂L/∂ẑ − mean(∂L/∂ẑ) − ẑ · mean(ẑ ∂L/∂ẑ)): the two means are the
 * derivatives through μ_j and σ_j², which every value of the channel shares. Each channel's
 * ∂L/∂z therefore sums to 0, which is why the bias before a batch normalisation has zero gradient.
 *
 * @param dY - ∂L/∂y, laid out like the forward pass's rows
 * @param pass - what {@link batchNormForward} computed on the same rows
 * @param norm - γ, β and ε of the layer
 * @param S - the arithmetic of the forward pass
 * @example batchNormBackward([["1"], ["0"]].map((r) => r.map(exact.parse)), batchNormForward([["1"], ["3"]].map((r) => r.map(exact.parse)), { gamma: [exact.parse("2")], beta: [exact.zero], eps: exact.zero }, exact), { gamma: [exact.parse("2")], beta: [exact.zero], eps: exact.zero }, exact).dGamma.map(exact.toString) // returns ["-1"]
 */
export function batchNormBackward<T>(
  dY: readonly (readonly T[])[],
  pass: BatchNormPass<T>,
  norm: BatchNorm<T>,
  S: Scalar<T>,
): BatchNormGradient<T> {
  const channels = norm.gamma.length;
  const positions = (dY[0]?.length ?? 0) / channels;
  const channelOf = (c: number): number => Math.floor(c / positions);
  const count = S.fromInt(dY.length * positions);
  const dGamma: T[] = new Array<T>(channels).fill(S.zero);
  const dBeta: T[] = new Array<T>(channels).fill(S.zero);
  dY.forEach((row, i) => {
    const xhat = at(pass.normalised, i);
    row.forEach((d, c) => {
      const j = channelOf(c);
      dGamma[j] = S.add(at(dGamma, j), S.mul(at(xhat, c), d));
      dBeta[j] = S.add(at(dBeta, j), d);
    });
  });
  // Σ ∂L/∂ẑ = γ_j ∂L/∂β_j and Σ ẑ ∂L/∂ẑ = γ_j ∂L/∂γ_j: the two sums of the adjoint, divided by m.
  const meanD = dBeta.map((s, j) => S.div(S.mul(at(norm.gamma, j), s), count));
  const meanDX = dGamma.map((s, j) => S.div(S.mul(at(norm.gamma, j), s), count));
  const dZ = dY.map((row, i) => {
    const xhat = at(pass.normalised, i);
    return row.map((d, c) => {
      const j = channelOf(c);
      const dxhat = S.mul(at(norm.gamma, j), d);
      const centred = S.sub(S.sub(dxhat, at(meanD, j)), S.mul(at(xhat, c), at(meanDX, j)));
      return S.mul(at(pass.invStd, j), centred);
    });
  });
  return { dZ, dGamma, dBeta };
}
