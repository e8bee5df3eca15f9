import { fixedInvariants } from "../../net/kernels/fixedInvariants.js";
import type { FixedStepProblem } from "./flowProblem.js";
import { fabs } from "../../scalar/fixedPoint.js";

/** A kink event in fixed-point time. @internal */
export interface RawEvent {
  t: bigint;
  neuron: number;
  point: number;
  kind: "enter" | "leave" | "slide" | "release";
}

/** What every integrator returns, in fixed point. @internal */
export interface RawTrajectory {
  theta: bigint[];
  events: RawEvent[];
  samples: { t: bigint; theta: bigint[] }[];
  /** max over checked times and neurons of |c_k(t) − c_k(0)|. */
  maxDrift: bigint;
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

/** Tracks the invariants' drift and output-weight signs along a trajectory. @internal */
export class TrajectoryMonitor {
  readonly c0: bigint[];
  readonly sign0: number[][];
  maxDrift = 0n;
  readonly signChanged: boolean[];

  constructor(
    private readonly p: FixedStepProblem,
    theta0: readonly bigint[],
  ) {
    this.c0 = fixedInvariants(p, theta0);
    this.sign0 = this.signs(theta0);
    this.signChanged = new Array<boolean>(p.l).fill(false);
  }

  private signs(theta: readonly bigint[]): number[][] {
    return this.p.outSlots.map((slots) => slots.map((q) => Number(theta[q]! > 0n) - Number(theta[q]! < 0n)));
  }

  /** Records θ at one more time. */
  check(theta: readonly bigint[]): void {
    const c = fixedInvariants(this.p, theta);
    c.forEach((v, k) => {
      const dv = fabs(v - this.c0[k]!);
      if (dv > this.maxDrift) this.maxDrift = dv;
    });
    this.signs(theta).forEach((row, k) => {
      if (row.some((s, j) => s !== this.sign0[k]![j])) this.signChanged[k] = true;
    });
  }
}
