import { InternalError } from "../errors.js";
import type { Scalar } from "../scalar/scalar.js";
import type { AdamSpec, OptimizerStepper } from "./optimizerSpec.js";
import { at } from "../scalar/at.js";
import { scalarSqrt } from "../scalar/scalarSqrt.js";

/**
 * `torch.optim.Adam` / `torch.optim.AdamW` as a stateful step on flat parameter
 * vectors (any depth), from PyTorch's documented algorithm: at step t = 1, 2, …,
 * g ← ∇L_B (+ λθ for Adam); AdamW first decays θ ← θ(1 − ηλ);
 * m ← β1·m + (1 − β1)g, v ← β2·v + (1 − β2)g², m̂ = m/(1 − β1^t),
 * v̂ = v/(1 − β2^t), θ′ = θ − η·m̂/(√v̂ + ε). The direction r = m̂/(√v̂ + ε) obeys
 * no identity: its pairing with θ enters the drift as computed; AdamW's decay adds
 * λ·c. Decimal and float only (square roots).
 *
 * @param spec - β1, β2, ε, weight decay and which of Adam and AdamW
 * @param lr - the step η
 * @param S - decimal or float arithmetic
 * @param decayed - true where weight decay applies, flat in `ParamLayout` order (absent: every parameter; see `spec.biasDecay`)
 * @returns a function from (θ, ∇L_B(θ)), flat in `ParamLayout` order, to the step
 * @throws InternalError in exact arithmetic ({@link optimizerSpec} refuses it first)
 * @example adamStepper(optimizerSpec(float, { name: "adam" }), 0.1, float)([1, 1], [2, -4]).next.map((v) => v.toFixed(6))
 * // returns ["0.900000", "1.100000"] (the first Adam step moves each parameter by about lr against its gradient's sign)
 */
export function adamStepper<T>(spec: AdamSpec<T>, lr: T, S: Scalar<T>, decayed?: readonly boolean[]): OptimizerStepper<T> {
  const { beta1, beta2, eps, weightDecay: lambda } = spec;
  const decoupled = spec.name === "adamw";
  // optimizerSpec refuses exact arithmetic, the only one without every square root
  const root = (x: T): T => {
    const r = scalarSqrt(x, S);
    if (r === undefined) throw new InternalError(`square root in ${S.name} arithmetic`);
    return r;
  };
  const hasDecay = S.sign(lambda) !== 0;
  const oneMinusB1 = S.sub(S.one, beta1);
  const oneMinusB2 = S.sub(S.one, beta2);
  let m: readonly T[] | undefined;
  let v: readonly T[] | undefined;
  let b1t = S.one;
  let b2t = S.one;
  return (theta, grad) => {
    b1t = S.mul(b1t, beta1);
    b2t = S.mul(b2t, beta2);
    const decays = (i: number): boolean => decayed === undefined || decayed[i] === true;
    const g = hasDecay && !decoupled ? grad.map((d, i) => (decays(i) ? S.add(d, S.mul(lambda, at(theta, i))) : d)) : grad;
    const zero = g.map(() => S.zero);
    m = (m ?? zero).map((a, i) => S.add(S.mul(beta1, a), S.mul(oneMinusB1, at(g, i))));
    v = (v ?? zero).map((a, i) => S.add(S.mul(beta2, a), S.mul(oneMinusB2, S.mul(at(g, i), at(g, i)))));
    const c1 = S.sub(S.one, b1t);
    const c2 = S.sub(S.one, b2t);
    const vHat = v.map((a) => S.div(a, c2));
    const mNow = m;
    // v = 0 means every g so far was 0, hence m = 0: a zero step where PyTorch with ε = 0 would give 0/0
    const r = mNow.map((a, i) => (S.sign(a) === 0 ? S.zero : S.div(S.div(a, c1), S.add(root(at(vHat, i)), eps))));
    const shrink = S.sub(S.one, S.mul(lr, lambda));
    const start = decoupled && hasDecay ? theta.map((p, i) => (decays(i) ? S.mul(p, shrink) : p)) : theta;
    const next = start.map((p, i) => S.sub(p, S.mul(lr, at(r, i))));
    if (!(decoupled && hasDecay)) return { next, update: r, terms: { params: theta, rest: r } };
    // θ(1 − ηλ) − η·r = θ − η(λθ + r)
    const update = theta.map((p, i) => (decays(i) ? S.add(S.mul(lambda, p), at(r, i)) : at(r, i)));
    return { next, update, terms: { params: theta, decay: lambda, ...(decayed ? { decayed } : {}), rest: r } };
  };
}
