import { assertBounded } from "./_internals/assertBounded.js";
import type { FlowProblem } from "./_internals/flowProblem.js";
import { sampleTimes, TrajectoryMonitor, type RawTrajectory } from "./_internals/trajectory.js";

/** Options of {@link fixedStepFlow}. @internal */
export interface FixedStepFlowOptions {
  /** End time T in fixed point. */
  T: bigint;
  /** Total number of steps (spread over the segments between sample times). */
  steps: number;
  samples: number;
  onProgress?: ((fraction: number) => void) | undefined;
}

/**
 * Runs a one-step method with a fixed step through every segment between
 * sample times, monitoring the invariants and the outgoing-weight signs after
 * every step, at any depth. A parameter past 10^200 ends the
 * run as diverged (exit 3) before its integers grow without bound.
 *
 * @internal
 */
export function fixedStepFlow(
  p: FlowProblem,
  theta0: readonly bigint[],
  options: FixedStepFlowOptions,
  step: (theta: readonly bigint[], h: bigint) => bigint[],
  method = "rk4",
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
        assertBounded(method, theta, t + (span * BigInt(s + 1)) / BigInt(n), p.F);
        monitor.check(theta);
        count++;
        // the run-time budget sees every step, not only the sample stops
        options.onProgress?.(Number(((t + (span * BigInt(s + 1)) / BigInt(n)) * 1000000n) / T) / 1000000);
      }
      t = stop;
      options.onProgress?.(Number((t * 1000000n) / T) / 1000000);
    }
    if (options.samples > 0 && (options.samples > 1 || stop === T)) samples.push({ t: stop, theta: [...theta] });
  }
  return { theta, events: [], samples, maxDrift: monitor.maxDrift, signChanged: monitor.signChanged, steps: count };
}
