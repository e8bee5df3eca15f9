import type { Scalar } from "../scalar/scalar.js";
import type { OptimizerStep, OptimizerStepper, SgdSpec } from "./optimizerSpec.js";
import { at } from "../scalar/at.js";

/**
 * `torch.optim.SGD` as a stateful step on flat parameter vectors (any depth), written
 * from PyTorch's documented algorithm: g ← ∇L_B + λθ; with momentum μ ≠ 0 the buffer
 * is b ← g at the first step and b ← μb + (1 − τ)g after, and the step direction is
 * g + μb (Nesterov) or b; θ′ = θ − η·u. Every step also reports how u splits into
 * γ·g + β·b_prev, so that the drift of every c_{l,k} is κc_{l,k} + β⟨b_prev⟩-pairing
 * with κ = γλ (the gradient's share cancels by the rescaling identity).
 *
 * @param spec - momentum, dampening, Nesterov and weight decay
 * @param lr - the step η
 * @param S - the arithmetic (exact rationals give the exact PyTorch trajectory)
 * @param decayed - true where weight decay applies, flat in `ParamLayout` order (absent: every parameter; see `spec.biasDecay`)
 * @returns a function from (θ, ∇L_B(θ)), flat in `ParamLayout` order, to the step
 * @example const step = sgdStepper(optimizerSpec(exact), exact.parse("1/10"), exact);
 * step([1, 1].map(exact.fromInt), [2, 4].map(exact.fromInt)).next.map(exact.toString)
 * // returns ["4/5", "3/5"]
 */
export function sgdStepper<T>(spec: SgdSpec<T>, lr: T, S: Scalar<T>, decayed?: readonly boolean[]): OptimizerStepper<T> {
  const { momentum: mu, dampening: tau, nesterov, weightDecay: lambda } = spec;
  const hasMomentum = S.sign(mu) !== 0;
  const hasDecay = S.sign(lambda) !== 0;
  const oneMinusTau = S.sub(S.one, tau);
  if (S.kind === "float" && !hasMomentum && !hasDecay) {
    // Plain SGD in float, θ − η·g as the generic step below rounds it, without a call per entry:
    // float training steps hundreds of parameters thousands of times. T is number in float.
    const eta = lr as unknown as number;
    const plain = (theta: readonly number[], grad: readonly number[]): OptimizerStep<number> => {
      const next = new Array<number>(theta.length);
      for (let i = 0; i < theta.length; i++) next[i] = theta[i]! - eta * grad[i]!;
      return { next, update: [...grad] };
    };
    return plain as unknown as OptimizerStepper<T>;
  }
  let buffer: readonly T[] | undefined;
  return (theta, grad) => {
    const g = hasDecay ? grad.map((d, i) => (decayed && !decayed[i] ? d : S.add(d, S.mul(lambda, at(theta, i))))) : grad;
    let update = g;
    // u = γ·g + β·b_prev
    let gamma = S.one;
    let previous: { value: readonly T[]; weight: T } | undefined;
    if (hasMomentum) {
      if (buffer === undefined) {
        buffer = g;
      } else {
        const prev = buffer;
        buffer = prev.map((b, i) => S.add(S.mul(mu, b), S.mul(oneMinusTau, at(g, i))));
        gamma = oneMinusTau;
        previous = { value: prev, weight: mu };
      }
      if (nesterov) {
        const b = buffer;
        update = g.map((d, i) => S.add(d, S.mul(mu, at(b, i))));
        // g + μ(μ·b_prev + (1 − τ)g) = (1 + μ(1 − τ))g + μ²b_prev, and g + μg at the first step
        gamma = S.add(S.one, S.mul(mu, gamma));
        if (previous) previous = { value: previous.value, weight: S.mul(mu, mu) };
      } else {
        update = buffer;
      }
    }
    const u = update;
    const next = theta.map((p, i) => S.sub(p, S.mul(lr, at(u, i))));
    // plain gradient descent has nothing left at first order
    if (!hasDecay && previous === undefined) return { next, update: [...u] };
    return {
      next,
      update: [...u],
      terms: {
        params: theta,
        ...(hasDecay ? { decay: S.mul(gamma, lambda), ...(decayed ? { decayed } : {}) } : {}),
        ...(previous ? { buffer: previous } : {}),
      },
    };
  };
}
