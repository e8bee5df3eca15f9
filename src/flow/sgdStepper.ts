import type { Network } from "../net/network.js";
import { zipNetworks } from "../net/zipNetworks.js";
import type { Scalar } from "../scalar/scalar.js";
import type { OptimizerStepper, SgdSpec } from "./optimizerSpec.js";

/**
 * `torch.optim.SGD` as a stateful step, written from PyTorch's documented
 * algorithm: g ← ∇L_B + λθ; with momentum μ ≠ 0 the buffer is b ← g at the
 * first step and b ← μb + (1 − τ)g after, and the step direction is g + μb
 * (Nesterov) or b; θ′ = θ − η·u. Every step also reports how u splits into
 * γ·g + β·b_prev, so that the drift of c_k is κc_k + β⟨b_prev⟩-pairing with
 * κ = γλ (the gradient's share cancels by the rescaling identity).
 *
 * @param spec - momentum, dampening, Nesterov and weight decay
 * @param lr - the step η
 * @param S - the arithmetic (exact rationals give the exact PyTorch trajectory)
 * @returns a function from (θ, ∇L_B(θ)) to the step
 * @example const theta = networkIn(readNetwork('{"W1": [[1]], "W2": [[1]]}'), exact);
 * const grad = networkIn(readNetwork('{"W1": [[2]], "W2": [[4]]}'), exact);
 * exact.toString(sgdStepper(optimizerSpec(exact), exact.parse("1/10"), exact)(theta, grad).next.W2[0]?.[0] ?? exact.zero)
 * // returns "3/5"
 */
export function sgdStepper<T>(spec: SgdSpec<T>, lr: T, S: Scalar<T>): OptimizerStepper<T> {
  const { momentum: mu, dampening: tau, nesterov, weightDecay: lambda } = spec;
  const hasMomentum = S.sign(mu) !== 0;
  const hasDecay = S.sign(lambda) !== 0;
  const oneMinusTau = S.sub(S.one, tau);
  let buffer: Network<T> | undefined;
  return (theta, grad) => {
    const g = hasDecay ? zipNetworks(grad, theta, (d, p) => S.add(d, S.mul(lambda, p))) : grad;
    let update = g;
    // u = γ·g + β·b_prev
    let gamma = S.one;
    let previous: { value: Network<T>; weight: T } | undefined;
    if (hasMomentum) {
      if (buffer === undefined) {
        buffer = g;
      } else {
        const prev = buffer;
        buffer = zipNetworks(prev, g, (b, d) => S.add(S.mul(mu, b), S.mul(oneMinusTau, d)));
        gamma = oneMinusTau;
        previous = { value: prev, weight: mu };
      }
      if (nesterov) {
        const b = buffer;
        update = zipNetworks(g, b, (d, v) => S.add(d, S.mul(mu, v)));
        // g + μ(μ·b_prev + (1 − τ)g) = (1 + μ(1 − τ))g + μ²b_prev, and g + μg at the first step
        gamma = S.add(S.one, S.mul(mu, gamma));
        if (previous) previous = { value: previous.value, weight: S.mul(mu, mu) };
      } else {
        update = buffer;
      }
    }
    const next = zipNetworks(theta, update, (p, u) => S.sub(p, S.mul(lr, u)));
    // plain gradient descent has nothing left at first order
    if (!hasDecay && previous === undefined) return { next, update };
    return {
      next,
      update,
      terms: { params: theta, ...(hasDecay ? { decay: S.mul(gamma, lambda) } : {}), ...(previous ? { buffer: previous } : {}) },
    };
  };
}
