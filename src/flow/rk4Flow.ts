import type { FlowProblem } from "./_internals/flowProblem.js";
import { stepField } from "./_internals/stepField.js";
import type { RawTrajectory } from "./_internals/trajectory.js";
import { fixedStepFlow, type FixedStepFlowOptions } from "./fixedStepFlow.js";
import { at } from "../scalar/at.js";

/** Options of {@link rk4Flow}. @internal */
export type Rk4FlowOptions = FixedStepFlowOptions;

/**
 * The classical fourth-order Runge–Kutta method with a fixed step, the
 * textbook baseline: the activation pattern is read at every stage point, no
 * kink is located, and the invariants drift at its truncation error.
 *
 * @internal
 */
export function rk4Flow(p: FlowProblem, theta0: readonly bigint[], options: Rk4FlowOptions): RawTrajectory {
  const P = p.F.bigP;
  const axpy = (y: readonly bigint[], a: bigint, x: readonly bigint[]): bigint[] => y.map((v, i) => v + ((a * at(x, i)) >> P));
  return fixedStepFlow(p, theta0, options, (theta, h) => {
    const half = h / 2n;
    const k1 = stepField(p, theta).field;
    const k2 = stepField(p, axpy(theta, half, k1)).field;
    const k3 = stepField(p, axpy(theta, half, k2)).field;
    const k4 = stepField(p, axpy(theta, h, k3)).field;
    return theta.map((v, i) => v + ((h * (at(k1, i) + 2n * at(k2, i) + 2n * at(k3, i) + at(k4, i))) >> P) / 6n);
  });
}
