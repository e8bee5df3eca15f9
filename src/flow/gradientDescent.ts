import { ConvergenceError, InputError } from "../errors.js";
import { firstNonFiniteEntry, firstNonFiniteParameter, isFiniteIn } from "./_internals/firstNonFinite.js";
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
 * In float or decimal arithmetic every value is checked as it is made: a run
 * that overflows stops at the step and value where it did, instead of
 * printing NaN or Infinity.
 *
 * @throws InputError when η ≤ 0 or is not finite in `S`, a parameter or data value is not finite in `S` (a float cannot hold 1e400), or the step count is not a non-negative integer
 * @throws ConvergenceError when a value overflows the range of `S` during the run (method `gd`; remedy: decimal arithmetic or a smaller `lr`)
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
  if (!isFiniteIn(S, lr)) throw new InputError({ field: "lr", expected: `a number ${S.name} can hold`, value: S.toString(lr) });
  const badParam = firstNonFiniteParameter(net, S);
  if (badParam !== undefined)
    throw new InputError({
      field: "net",
      expected: `a network whose parameters ${S.name} can hold`,
      value: badParam,
      note: "Its value overflows: choose another arithmetic.",
    });
  const badData = firstNonFiniteEntry("X", data.X, S) ?? firstNonFiniteEntry("Y", data.Y, S);
  if (badData !== undefined)
    throw new InputError({
      field: "data",
      expected: `data whose values ${S.name} can hold`,
      value: badData,
      note: "Its value overflows: choose another arithmetic.",
    });
  const overflow = (step: number, where: string): ConvergenceError =>
    new ConvergenceError("gd", `step ${step} (${where})`, `a value left the range of ${S.name} arithmetic`, {
      field: "lr",
      change: S.kind === "float" ? "use the arithmetic decimal:D, or lower" : "lower",
    });
  const checkRow = (step: number, name: string, row: readonly T[]): void => {
    const k = row.findIndex((v) => !isFiniteIn(S, v));
    if (k >= 0) throw overflow(step, `${name}_${k}`);
  };
  const checked = S.kind !== "exact";
  let theta = net;
  let c = neuronInvariants(theta, S);
  if (checked) checkRow(0, "invariant c", c);
  const run: GradientDescentRun<T> = { params: theta, losses: [], invariants: [c], observedDrift: [], predictedDrift: [] };
  for (let t = 0; t < steps; t++) {
    const { loss: value, grad } = lossAndGradient(theta, data, S, options.loss);
    if (checked && !isFiniteIn(S, value)) throw overflow(t, "the loss");
    run.losses.push(value);
    theta = zipNetworks(theta, grad, (p, g) => S.sub(p, S.mul(lr, g)));
    const next = neuronInvariants(theta, S);
    const observed = next.map((v, k) => S.sub(v, c[k]!));
    const predicted = predictedGdDrift(grad, lr, S);
    if (checked) {
      const where = firstNonFiniteParameter(theta, S);
      if (where !== undefined) throw overflow(t + 1, where);
      checkRow(t + 1, "invariant c", next);
      checkRow(t + 1, "observed drift of c", observed);
      checkRow(t + 1, "predicted drift of c", predicted);
    }
    run.observedDrift.push(observed);
    run.predictedDrift.push(predicted);
    run.invariants.push(next);
    c = next;
    options.onStep?.(t + 1);
  }
  const last = loss(theta, data, S, options.loss);
  if (checked && !isFiniteIn(S, last)) throw overflow(steps, "the loss");
  run.losses.push(last);
  run.params = theta;
  return run;
}
