import { ConvergenceError } from "../../errors.js";
import { fixedToDouble, type Fixed } from "../../scalar/fixedPoint.js";

/** 2^665 ≈ 10^200: far beyond any value the integrators are given (at most ~10^49), so only a run that diverges gets here. */
const LIMIT_BITS = 665n;

/**
 * Stops an integrator whose parameters have grown past ~10^200: the run has diverged,
 * and its fixed-point integers would grow without bound (each step multiplies them),
 * so the run would hang instead of failing.
 *
 * @throws ConvergenceError naming the method and the time, with the step to raise
 * @internal
 */
export function assertBounded(method: string, theta: readonly bigint[], t: bigint, F: Fixed): void {
  const limit = 1n << (F.bigP + LIMIT_BITS);
  for (const v of theta) {
    if (v > limit || -v > limit)
      throw new ConvergenceError(method, `t = ${fixedToDouble(F, t)}`, "diverged: a parameter passed 10^200", {
        field: method === "taylor" ? "digits" : "steps",
        change: "raise",
      });
  }
}
