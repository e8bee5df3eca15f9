import type { FixedLayeredNet } from "../../net/kernels/fixedLayeredNet.js";
import { layeredTaylorStep } from "../../net/kernels/layeredTaylorSeries.js";
import { taylorStep, type RegionState, type SeriesDynamics, type TaylorStep } from "../../net/kernels/taylorSeries.js";
import type { FlowProblem } from "./flowProblem.js";

/** What the Taylor integrator reads: a two-layer problem or a network of any depth. @internal */
export type TaylorProblem = FlowProblem | FixedLayeredNet;

/**
 * The Taylor coefficients of one step (see `taylorStep`): the two-layer series, whose
 * sliding constraints have a constant Gram matrix, or the series at any depth.
 *
 * @internal
 */
export function seriesStep(
  p: TaylorProblem,
  theta: readonly bigint[],
  state: RegionState,
  h: bigint,
  Q: number,
  dynamics: SeriesDynamics = {},
): TaylorStep {
  return "layered" in p ? layeredTaylorStep(p, theta, state, h, Q, dynamics) : taylorStep(p, theta, state, h, Q, dynamics);
}
