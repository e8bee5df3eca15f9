import type { Fixed } from "../../scalar/fixedPoint.js";

/**
 * Bits of the 14 guard digits `fixedBits` adds to the D digits asked for: rounding over a run
 * eats into them, so a flow's values are trusted to 2^−(P − GUARD_BITS) ≈ 10^−D (times the
 * magnitude allowance), not to 2^−P.
 */
const GUARD_BITS = Math.ceil(14 * Math.log2(10));

/**
 * A fixed-point result with what is below the run's resolution dropped: fixed point has an
 * absolute precision, so a value of size 10^−30 at 15 digits is rounding, and its sign is no
 * sign (c(T) = 3e−200 came out as −7.9e−31). Below the resolution the value is 0: "no digit
 * resolved", never a wrong sign.
 *
 * @param F - the fixed-point format of the run
 * @param v - a value in F
 * @returns v, or 0n when |v| < 2^−(P − 47)
 * @internal
 */
export function resolved(F: Fixed, v: bigint): bigint {
  const unit = 1n << BigInt(Math.min(F.P, GUARD_BITS));
  return v < unit && v > -unit ? 0n : v;
}
