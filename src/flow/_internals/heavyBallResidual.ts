import { layeredTaylorStep, type RegionState } from "../../net/kernels/layeredTaylorSeries.js";
import type { FlowProblem } from "./flowProblem.js";
import { at } from "../../scalar/at.js";

/**
 * The residual of c̈_k + γċ_k = 2(‖ẇ_k‖² − ‖ȧ_k‖²) at one state (θ, v) of the
 * heavy ball θ' = v, v' = −γv − ∇L(θ), per hidden neuron (of every layer), in fixed point. The
 * derivatives come from the order-2 Taylor series of the integrator itself
 * (step h = 1, so θ(t0 + τ) = θ_0 + θ_1τ + θ_2τ²): ċ = c_1, c̈ = 2c_2, ẇ = θ_1,
 * with c(τ) = Σ_in θ(τ)² − Σ_out θ(τ)². The products are summed at scale 2^{2P}
 * and shifted once. Since c̈ + γċ − 2(‖ẇ‖² − ‖ȧ‖²) = −2(⟨w̃_k, ∇_w̃ L⟩ − ⟨a_k, ∇_a L⟩),
 * the residual is the rescaling identity of the series' gradient, which vanishes in
 * every activation region.
 *
 * @internal
 */
export function heavyBallResidual(
  p: FlowProblem,
  theta: readonly bigint[],
  v: readonly bigint[],
  state: RegionState,
  gamma: bigint,
): bigint[] {
  const P = p.F.bigP;
  const s = layeredTaylorStep(p, theta, state, p.F.ONE, 2, { momentum: { gamma, v0: v } }).theta;
  const out: bigint[] = [];
  for (let k = 0; k < p.l; k++) {
    let c1 = 0n;
    let c2 = 0n;
    let speed2 = 0n;
    const add = (slot: number, sign: bigint): void => {
      const [t0, t1, t2] = at(s, slot) as [bigint, bigint, bigint];
      c1 += sign * 2n * t0 * t1;
      c2 += sign * (2n * t0 * t2 + t1 * t1);
      speed2 += sign * t1 * t1;
    };
    for (const slot of at(p.inSlots, k)) add(slot, 1n);
    for (const slot of at(p.outSlots, k)) add(slot, -1n);
    out.push((2n * c2 + ((gamma * c1) >> P) - 2n * speed2) >> P);
  }
  return out;
}
