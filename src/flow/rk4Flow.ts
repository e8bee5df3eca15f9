import type { FlowProblem } from "./_internals/flowProblem.js";
import { fixedField } from "../net/kernels/fixedField.js";
import { sampleTimes, TrajectoryMonitor, type RawTrajectory } from "./_internals/trajectory.js";

/** Options of {@link rk4Flow}. @internal */
export interface Rk4FlowOptions {
  /** End time T in fixed point. */
  T: bigint;
  /** Total number of steps (spread over the segments between sample times). */
  steps: number;
  samples: number;
  onProgress?: ((fraction: number) => void) | undefined;
}

/** Runs fixed-step integration through every segment between sample times. @internal */
export function fixedStepFlow(
  p: FlowProblem,
  theta0: readonly bigint[],
  options: Rk4FlowOptions,
  step: (theta: readonly bigint[], h: bigint) => bigint[],
): RawTrajectory {
  const { T } = options;
  const monitor = new TrajectoryMonitor(p, theta0);
  const stops = [...new Set([...sampleTimes(T, options.samples), T].map(String))].map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const samples: RawTrajectory["samples"] = [];
  let theta = [...theta0];
  let t = 0n;
  let count = 0;
  for (const stop of stops) {
    const span = stop - t;
    if (span > 0n) {
      const n = Math.max(1, Math.round((options.steps * Number((span * 1000000n) / T)) / 1000000));
      for (let s = 0; s < n; s++) {
        // Step lengths that add up to the span exactly.
        const h = (span * BigInt(s + 1)) / BigInt(n) - (span * BigInt(s)) / BigInt(n);
        theta = step(theta, h);
        monitor.check(theta);
        count++;
      }
      t = stop;
      options.onProgress?.(Number((t * 1000000n) / T) / 1000000);
    }
    if (options.samples > 0 && (options.samples > 1 || stop === T)) samples.push({ t: stop, theta: [...theta] });
  }
  return { theta, events: [], samples, maxDrift: monitor.maxDrift, signChanged: monitor.signChanged, steps: count };
}

/**
 * The classical fourth-order Runge–Kutta method with a fixed step, the
 * textbook baseline: the activation pattern is read at every stage point, no
 * kink is located, and the invariants drift at its truncation error.
 *
 * @internal
 */
export function rk4Flow(p: FlowProblem, theta0: readonly bigint[], options: Rk4FlowOptions): RawTrajectory {
  const P = p.F.bigP;
  const axpy = (y: readonly bigint[], a: bigint, x: readonly bigint[]): bigint[] => y.map((v, i) => v + ((a * x[i]!) >> P));
  return fixedStepFlow(p, theta0, options, (theta, h) => {
    const half = h / 2n;
    const k1 = fixedField(p, theta).field;
    const k2 = fixedField(p, axpy(theta, half, k1)).field;
    const k3 = fixedField(p, axpy(theta, half, k2)).field;
    const k4 = fixedField(p, axpy(theta, h, k3)).field;
    return theta.map((v, i) => v + ((h * (k1[i]! + 2n * k2[i]! + 2n * k3[i]! + k4[i]!)) >> P) / 6n);
  });
}
