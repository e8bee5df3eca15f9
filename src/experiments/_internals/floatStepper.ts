import type { OptimizerSpec } from "../../flow/optimizerSpec.js";

/** One optimiser step in place: θ ← θ − η·u(θ, g), keeping its state (momentum buffer or moments) between calls. */
export type FloatStepper = (params: Float64Array, grad: Float64Array) => void;

/**
 * @internal The float64 twin of the library's `sgdStepper` and `adamStepper`
 * (`torch.optim.SGD`, `Adam`, `AdamW`) on flat arrays, in place and without
 * allocating after the first call. Every value is computed with the same
 * operations in the same order as those steppers in `float` arithmetic, so the
 * two agree to the last bit (test/experiments/trainFloat.test.ts holds them to it):
 * SGD g ← ∇ + λθ; b ← g at the first step, then μb + (1 − τ)g; u = g + μb
 * (Nesterov) or b; Adam m, v with bias corrections by running products β^t,
 * r = 0 where m = 0, else (m/(1 − β1^t))/(√(v/(1 − β2^t)) + ε); AdamW decays
 * θ(1 − ηλ) first.
 */
export function floatStepper(spec: OptimizerSpec<number>, lr: number, size: number): FloatStepper {
  if (spec.name === "sgd") {
    const { momentum: mu, dampening: tau, nesterov, weightDecay: lambda } = spec;
    const hasMomentum = mu !== 0;
    const hasDecay = lambda !== 0;
    const oneMinusTau = 1 - tau;
    const buffer = new Float64Array(size);
    let first = true;
    return (p, grad) => {
      for (let q = 0; q < size; q++) {
        const g = hasDecay ? grad[q]! + lambda * p[q]! : grad[q]!;
        let u = g;
        if (hasMomentum) {
          const b = first ? g : mu * buffer[q]! + oneMinusTau * g;
          buffer[q] = b;
          u = nesterov ? g + mu * b : b;
        }
        p[q] = p[q]! - lr * u;
      }
      first = false;
    };
  }
  const { beta1, beta2, eps, weightDecay: lambda } = spec;
  const decoupled = spec.name === "adamw";
  const hasDecay = lambda !== 0;
  const coupledDecay = hasDecay && !decoupled;
  const decoupledDecay = hasDecay && decoupled;
  const oneMinusB1 = 1 - beta1;
  const oneMinusB2 = 1 - beta2;
  const shrink = 1 - lr * lambda;
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  let b1t = 1;
  let b2t = 1;
  return (p, grad) => {
    b1t = b1t * beta1;
    b2t = b2t * beta2;
    const c1 = 1 - b1t;
    const c2 = 1 - b2t;
    for (let q = 0; q < size; q++) {
      const g = coupledDecay ? grad[q]! + lambda * p[q]! : grad[q]!;
      const mq = beta1 * m[q]! + oneMinusB1 * g;
      const vq = beta2 * v[q]! + oneMinusB2 * (g * g);
      m[q] = mq;
      v[q] = vq;
      // v = 0 means every g so far was 0, hence m = 0: a zero step (as the library's stepper takes)
      const r = mq === 0 ? 0 : mq / c1 / (Math.sqrt(vq / c2) + eps);
      const start = decoupledDecay ? p[q]! * shrink : p[q]!;
      p[q] = start - lr * r;
    }
  };
}
