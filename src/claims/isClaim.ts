import { claimProblem } from "./_internals/claimProblem.js";
import type { Claim } from "./claim.js";

/** True when `value` has the shape of a {@link Claim}. */
export function isClaim(value: unknown): value is Claim {
  return claimProblem(value) === undefined;
}
