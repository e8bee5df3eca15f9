import fc from "fast-check";
import { integrateFlow, type FlowMethod, type FlowRun } from "../../flow/integrateFlow.js";
import { arbProblem, type Problem, type ProblemConstraints } from "./arbProblem.js";

/** A short gradient-flow run with everything needed to replay it (`relutopo flow --time … --digits … --method …`). */
export interface FlowTrajectory extends Problem {
  time: string;
  digits: number;
  method: FlowMethod;
  run: FlowRun;
}

/** Constraints of {@link arbFlowTrajectory}. */
export interface FlowTrajectoryConstraints extends ProblemConstraints {
  /** End times to pick from (exact text; default 1/16, 1/8, 1/4). */
  times?: readonly string[];
  /** Significant digits (default 20). */
  digits?: number;
  /** Integrator (default taylor). */
  method?: FlowMethod;
  /** Equally spaced samples recorded along the run (default 4). */
  samples?: number;
}

/**
 * Short D-digit gradient-flow trajectories on drawn problems. By default the
 * problems are tiny (≤ 2 neurons, ≤ 2 points), have a hidden bias and start off
 * the kinks, so each run takes milliseconds; shrinking moves toward smaller
 * problems and the shortest time.
 *
 * @param constraints - problem, times, digits, method, samples
 *
 * @example fc.sample(arbFlowTrajectory({ digits: 20 }), { numRuns: 1, seed: 1 })[0].digits // returns 20
 */
export function arbFlowTrajectory(constraints: FlowTrajectoryConstraints = {}): fc.Arbitrary<FlowTrajectory> {
  const { times = ["1/16", "1/8", "1/4"], digits = 20, method = "taylor", samples = 4, ...problem } = constraints;
  const problems = arbProblem({ width: { max: 2 }, points: { max: 2 }, hiddenBias: true, kinks: false, ...problem });
  return fc.tuple(problems, fc.constantFrom(...times)).map(([p, time]) => ({
    ...p,
    time,
    digits,
    method,
    run: integrateFlow(p.net, p.data, { time, digits, method, samples }),
  }));
}
