import { fixedInvariants } from "../../net/kernels/fixedInvariants.js";
import { fixedExp } from "../../net/kernels/fixedTranscendental.js";
import type { FlowProblem } from "./flowProblem.js";
import { resolved } from "./resolved.js";
import { fabs, fdiv } from "../../scalar/fixedPoint.js";
import type { SignCertificate } from "./outputSignWatch.js";
import { at } from "../../scalar/at.js";

/** A kink event, or a max-pool switch, in fixed-point time. @internal */
export interface RawEvent {
  t: bigint;
  /** The flat kink unit: the pair's, or the unit a max window switched to. */
  neuron: number;
  point: number;
  kind: "enter" | "leave" | "slide" | "release" | "switch";
  /** A switch: the pooled entry (channel-major over the pooled layer) whose window switched. */
  window?: number;
}

/** What every integrator returns, in fixed point. @internal */
export interface RawTrajectory {
  theta: bigint[];
  events: RawEvent[];
  samples: { t: bigint; theta: bigint[]; v?: bigint[]; residual?: bigint[] }[];
  /** max over checked times and neurons of |c_k(t) − c_k(0)| (with weight decay λ: of |c_k(t) − c_k(0)e^{−2λt}|). */
  maxDrift: bigint;
  /** With weight decay: c_k(0)e^{−2λT}, and the max over checked times and neurons with c_k(0) ≠ 0 of |c_k(t) − c_k(0)e^{−2λt}| / |c_k(0)e^{−2λt}|. */
  decay?: { predictedT: bigint[]; maxRelative: bigint };
  /** With weight decay that skips the biases: the max over checked times and neurons of |ċ_k + 2λ(c_k − b_k²)|. */
  biasFreeDecay?: { maxIdentityResidual: bigint };
  /** Under the heavy ball: v(T), the identity residual per neuron at T and its max over accepted steps, the certified output signs. */
  heavyBall?: { velocity: bigint[]; residualT: bigint[]; maxResidual: bigint; outputSign: SignCertificate[] };
  /** Per hidden neuron (flat over the hidden layers of a deep net): did the sign of some outgoing weight differ from its sign at t = 0 at a checked time. */
  signChanged: boolean[];
  /** Number of accepted steps. */
  steps: number;
}

/** The K sample times: none for K = 0, T for K = 1, jT/(K−1) for K ≥ 2. @internal */
export function sampleTimes(T: bigint, K: number): bigint[] {
  if (K <= 0) return [];
  if (K === 1) return [T];
  return Array.from({ length: K }, (_, j) => (T * BigInt(j)) / BigInt(K - 1));
}

/**
 * Tracks the invariants' drift and output-weight signs along a trajectory. With
 * a weight decay λ (fixed point) the drift is measured from the law
 * c_k(t) = c_k(0)e^{−2λt} instead of from c_k(0), and its relative size is kept.
 *
 * @internal
 */
export class TrajectoryMonitor {
  readonly c0: bigint[];
  readonly sign0: number[][];
  maxDrift = 0n;
  /** With weight decay: max |c_k(t) − c_k(0)e^{−2λt}| / |c_k(0)e^{−2λt}| over neurons with c_k(0) ≠ 0. */
  maxRelative = 0n;
  readonly signChanged: boolean[];

  constructor(
    private readonly p: FlowProblem,
    theta0: readonly bigint[],
    private readonly decay: bigint = 0n,
  ) {
    this.c0 = fixedInvariants(p, theta0);
    this.sign0 = this.signs(theta0);
    this.signChanged = new Array<boolean>(p.l).fill(false);
  }

  private signs(theta: readonly bigint[]): number[][] {
    // a weight below the resolution has no resolved sign (0): rounding cannot make a sign change
    return this.p.outSlots.map((slots) =>
      slots.map((q) => {
        const v = resolved(this.p.F, at(theta, q));
        return Number(v > 0n) - Number(v < 0n);
      }),
    );
  }

  /** c_k(0)e^{−2λt}, the invariants weight decay predicts at time t (c_k(0) without decay). */
  predicted(t: bigint): bigint[] {
    if (this.decay === 0n) return this.c0;
    const factor = fixedExp(this.p, -2n * ((this.decay * t) >> this.p.F.bigP));
    return this.c0.map((c) => (c * factor) >> this.p.F.bigP);
  }

  /** Records θ at one more time t (t matters only with weight decay). */
  check(theta: readonly bigint[], t = 0n): void {
    const c = fixedInvariants(this.p, theta);
    const expected = this.predicted(t);
    c.forEach((v, k) => {
      const dv = fabs(v - at(expected, k));
      if (dv > this.maxDrift) this.maxDrift = dv;
      // relative to a prediction below the resolution, the deviation is rounding over rounding
      if (this.decay !== 0n && this.c0[k] !== 0n && resolved(this.p.F, at(expected, k)) !== 0n) {
        const rel = fdiv(this.p.F, dv, fabs(at(expected, k)));
        if (rel > this.maxRelative) this.maxRelative = rel;
      }
    });
    this.signs(theta).forEach((row, k) => {
      if (row.some((s, j) => s !== 0 && s !== at(this.sign0, k)[j])) this.signChanged[k] = true;
    });
  }
}
