import { InputError } from "../errors.js";
import { predictedGdDrift } from "../invariants/gdDrift.js";
import { neuronInvariants } from "../invariants/neuronInvariants.js";
import type { Dataset } from "../net/dataset.js";
import { lossAndGradient } from "../net/gradient.js";
import { loss, type LossKind } from "../net/loss.js";
import { zipNetworks, type Network } from "../net/network.js";
import type { Scalar } from "../scalar/scalar.js";

/** Options of {@link gradientDescent}. */
export interface GradientDescentOptions<T> {
  /** The step η > 0. */
  lr: T;
  /** The number of steps N ≥ 0. */
  steps: number;
  loss: LossKind;
  /** Called after each step (for progress bars). */
  onStep?: (step: number) => void;
}

/** A gradient-descent run: the final parameters and, per step, what was conserved and what was not. */
export interface GradientDescentRun<T> {
  params: Network<T>;
  /** L(θ_t) for t = 0 … N. */
  losses: T[];
  /** c(θ_t) for t = 0 … N, one row per step. */
  invariants: T[][];
  /** c(θ_{t+1}) − c(θ_t) for t = 0 … N−1. */
  observedDrift: T[][];
  /** η²(‖g_w‖² − ‖g_a‖²) at θ_t for t = 0 … N−1: equal to the observed drift in exact arithmetic. */
  predictedDrift: T[][];
}

/**
 * Full-batch gradient descent θ ← θ − η∇L(θ) in arithmetic `S`, recording
 * loss and invariants at every step.
 *
 * @throws InputError when η ≤ 0 or the step count is not a non-negative integer
 */
export function gradientDescent<T>(
  net: Network<T>,
  data: Dataset<T>,
  S: Scalar<T>,
  options: GradientDescentOptions<T>,
): GradientDescentRun<T> {
  const { lr, steps } = options;
  if (S.sign(lr) <= 0) throw new InputError({ field: "lr", expected: "positive", value: S.toString(lr) });
  if (!Number.isSafeInteger(steps) || steps < 0)
    throw new InputError({ field: "steps", expected: "a non-negative integer", value: String(steps) });
  let theta = net;
  let c = neuronInvariants(theta, S);
  const run: GradientDescentRun<T> = { params: theta, losses: [], invariants: [c], observedDrift: [], predictedDrift: [] };
  for (let t = 0; t < steps; t++) {
    const { loss: value, grad } = lossAndGradient(theta, data, S, options.loss);
    run.losses.push(value);
    theta = zipNetworks(theta, grad, (p, g) => S.sub(p, S.mul(lr, g)));
    const next = neuronInvariants(theta, S);
    run.observedDrift.push(next.map((v, k) => S.sub(v, c[k]!)));
    run.predictedDrift.push(predictedGdDrift(grad, lr, S));
    run.invariants.push(next);
    c = next;
    options.onStep?.(t + 1);
  }
  run.losses.push(loss(theta, data, S, options.loss));
  run.params = theta;
  return run;
}
