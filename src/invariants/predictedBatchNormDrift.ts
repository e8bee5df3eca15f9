import { InputError } from "../errors.js";
import type { Layer } from "../net/layeredNetwork.js";
import type { LossAndGradient } from "../net/lossAndGradient.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { readerBlock } from "../net/readerBlock.js";
import { at } from "../scalar/at.js";
import type { Scalar } from "../scalar/scalar.js";

/** The predicted change of the two laws of one batch-normalised channel j of layer l over one step. */
export interface BatchNormChannelDrift<T> {
  /** The weight layer (0 for W_1) whose pre-activation is normalised. */
  readonly layer: number;
  /** The unit or channel j. */
  readonly channel: number;
  /** Δ‖K_j‖², K_j = W_l[j] the kernel feeding the normalisation. */
  readonly kernel: T;
  /** Δc_j, c_j = γ_j² + β_j² − ‖K_{l+1}[:, j]‖² with the weights of the layer above that read j. */
  readonly affine: T;
}

/**
 * The change of the per-channel laws of every batch normalisation over one gradient-descent step
 * θ′ = θ − η(∇L + λθ) (weight decay λ on every parameter, 0 when absent), predicted from the
 * laws of docs/convolutions.md rather than observed:
 * - the kernel: ⟨K_j, g_j⟩ = ε/(σ_j² + ε)·γ_j·∂L/∂γ_j (§3), so with u = g_j + λK_j,
 *   Δ‖K_j‖² = −2η(λ‖K_j‖² + ε/(σ_j² + ε)·γ_j·∂L/∂γ_j) + η²‖u‖²; at ε = 0 and λ = 0 it is η²‖g_j‖²;
 * - the affine pair: the rescaling of (γ_j, β_j) against the readers of j cancels the gradient's first
 *   order share (§2), so Δc_j = −2ηλc_j + η²(u_γ² + u_β² − ‖u_readers‖²).
 * The bias before the normalisation has no law to predict: its gradient is 0 and only the decay moves it.
 *
 * @param net - the network at θ
 * @param step - `lossAndGradient` of `net` on the batch of the step (its `variances` and γ, β gradients)
 * @param lr - the step η
 * @param S - the arithmetic of `step`
 * @param weightDecay - λ, added to every gradient as `torch.optim.SGD` does; 0 when absent
 * @returns one entry per channel of every hidden layer with a batch normalisation, layer 1 first
 * @throws InputError when `step` does not carry the variances of `net`'s normalisations
 * @example predictedBatchNormDrift({ activation: { kind: "relu" }, layers: [{ W: [[exact.one]], norm: { gamma: [exact.one], beta: [exact.zero], eps: exact.zero } }, { W: [[exact.one]] }] }, { loss: exact.zero, grad: { activation: { kind: "relu" }, layers: [{ W: [[exact.parse("1/2")]], norm: { gamma: [exact.one], beta: [exact.zero], eps: exact.zero } }, { W: [[exact.zero]] }] }, variances: [[exact.one], undefined] }, exact.parse("1/2"), exact).map((d) => [exact.toString(d.kernel), exact.toString(d.affine)]) // returns [["1/16", "1/4"]]
 */
export function predictedBatchNormDrift<T>(
  net: LayeredNetwork<T>,
  step: LossAndGradient<T>,
  lr: T,
  S: Scalar<T>,
  weightDecay?: T,
): BatchNormChannelDrift<T>[] {
  const lambda = weightDecay ?? S.zero;
  const lr2 = S.mul(lr, lr);
  const twoLr = S.add(lr, lr);
  const square = (v: T): T => S.mul(v, v);
  // the step's direction of one parameter: its gradient plus the decay
  const direction = (g: T, p: T): T => S.add(g, S.mul(lambda, p));
  const out: BatchNormChannelDrift<T>[] = [];
  const { layers } = net;
  for (const [l, layer] of layers.slice(0, -1).entries()) {
    const { norm } = layer;
    if (norm === undefined) continue;
    const gLayer = at(step.grad.layers, l);
    const variance = step.variances?.[l];
    const gNorm = gLayer.norm;
    if (variance === undefined || gNorm === undefined)
      throw new InputError({
        field: "step",
        expected: `the gradient of a network with a batch normalisation on layer ${l + 1}`,
        value: "a gradient without it",
      });
    const upper: Layer<T> = at(layers, l + 1);
    const gUpper = at(step.grad.layers, l + 1);
    for (const [j, K] of layer.W.entries()) {
      const g = at(gLayer.W, j);
      let kk = S.zero;
      let uu = S.zero;
      for (const [c, k] of K.entries()) {
        kk = S.add(kk, square(k));
        uu = S.add(uu, square(direction(at(g, c), k)));
      }
      const gamma = at(norm.gamma, j);
      const beta = at(norm.beta, j);
      const eps = norm.eps;
      const kg = S.div(S.mul(S.mul(eps, gamma), at(gNorm.gamma, j)), S.add(at(variance, j), eps));
      const kernel = S.sub(S.mul(lr2, uu), S.mul(twoLr, S.add(S.mul(lambda, kk), kg)));
      // c_j and ‖u‖² of its two sides: (γ_j, β_j) and the readers of j in the layer above
      const { rows, columns } = readerBlock(layer, upper, j);
      let readers = S.zero;
      let uReaders = S.zero;
      for (let r = rows[0]; r < rows[1]; r++)
        for (let c = columns[0]; c < columns[1]; c++) {
          const a = at(at(upper.W, r), c);
          readers = S.add(readers, square(a));
          uReaders = S.add(uReaders, square(direction(at(at(gUpper.W, r), c), a)));
        }
      const c = S.sub(S.add(square(gamma), square(beta)), readers);
      const uAffine = S.add(square(direction(at(gNorm.gamma, j), gamma)), square(direction(at(gNorm.beta, j), beta)));
      const affine = S.sub(S.mul(lr2, S.sub(uAffine, uReaders)), S.mul(S.mul(twoLr, lambda), c));
      out.push({ layer: l, channel: j, kernel, affine });
    }
  }
  return out;
}
