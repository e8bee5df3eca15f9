import fc from "fast-check";
import { gradientDescent, type GradientDescentRun } from "../../flow/gradientDescent.js";
import { datasetIn } from "../../net/datasetIn.js";
import { networkIn } from "../../net/networkIn.js";
import { arithmetic } from "../../scalar/arithmetic.js";
import type { Scalar } from "../../scalar/scalar.js";
import { arbProblem, type Problem, type ProblemConstraints } from "./arbProblem.js";
import { arbRational, type RationalConstraints } from "./arbRational.js";

/** A short gradient-descent run with everything needed to replay it (`relutopo gd --lr … --steps …`). */
export interface GdTrajectory extends Problem {
  /** The step η, exact text. */
  lr: string;
  steps: number;
  /** `exact` or `decimal:D`. */
  arith: string;
  /** The arithmetic the run was computed in. */
  S: Scalar<unknown>;
  run: GradientDescentRun<unknown>;
}

/** Constraints of {@link arbGdTrajectory}. */
export interface GdTrajectoryConstraints extends ProblemConstraints {
  /** The step η (positive; default num ≤ 4, den ≤ 8). */
  lr?: RationalConstraints;
  /** Number of steps (default 1..2; exact rationals grow fast with the step count). */
  steps?: { min?: number; max?: number };
  /** `exact` (default) or `decimal:D`. */
  arith?: string;
}

/**
 * Short mean-squared-error gradient-descent trajectories, in exact rationals or at D
 * digits, on a drawn problem with a drawn step. Shrinks toward fewer steps, smaller
 * problems and simpler steps.
 *
 * @param constraints - problem, step, step count, arithmetic
 * @example fc.sample(arbGdTrajectory({ steps: { max: 1 } }), 1)[0].run.invariants.length // returns 2
 */
export function arbGdTrajectory(constraints: GdTrajectoryConstraints = {}): fc.Arbitrary<GdTrajectory> {
  const arith = constraints.arith ?? "exact";
  const S = arithmetic(arith);
  const minSteps = constraints.steps?.min ?? 1;
  const maxSteps = constraints.steps?.max ?? Math.max(2, minSteps);
  const lr = arbRational({ maxNum: 4, maxDen: 8, ...constraints.lr, sign: "positive" });
  return fc.tuple(arbProblem(constraints), lr, fc.integer({ min: minSteps, max: maxSteps })).map(([p, eta, steps]) => {
    const run = gradientDescent(networkIn(p.net, S), datasetIn(p.data, S), S, { lr: S.parse(eta), steps, loss: "mse" });
    return { net: p.net, data: p.data, lr: eta, steps, arith, S, run };
  });
}
