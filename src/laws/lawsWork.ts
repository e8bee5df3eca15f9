import { type WorkEstimate, workEstimate } from "../work/workEstimate.js";
import type { LawArchitecture } from "./lawArchitecture.js";
import { parameterCount } from "./parameterCount.js";

/**
 * Seconds per cubed parameter (the dense echelon forms mod p of the gradients
 * and of the Lie brackets, D × D), per unknown coefficient of the explicit
 * laws, and per report, measured on one laptop core (Node 20).
 */
const SECONDS_PER_PARAMETER3 = 1.5e-8;
const SECONDS_PER_UNKNOWN = 1.2e-5;
const SECONDS_PER_REPORT = 5e-3;

/**
 * The work of `conservationLaws` (and `lawsReport`) for each architecture,
 * summed: about D³ for the ranks at θ0 plus the unknown coefficients of the
 * explicit laws of degree ≤ k.
 *
 * @param architectures - the architectures, each computed once
 * @param degree - the largest degree of the explicit laws
 * @returns seconds on one laptop core and the largest parameter count
 * @example lawsWork([lawArchitecture([2, 1333, 1])], 1).seconds > 60 // returns true
 */
export function lawsWork(architectures: readonly LawArchitecture[], degree: number): WorkEstimate {
  let seconds = 0;
  let largest = 0;
  for (const arch of architectures) {
    const D = parameterCount(arch);
    largest = Math.max(largest, D);
    let unknowns = 0;
    let monomials = 1;
    for (let a = 1; a <= degree; a++) {
      monomials = (monomials * (D + a - 1)) / a;
      unknowns += monomials;
    }
    seconds += SECONDS_PER_REPORT + D ** 3 * SECONDS_PER_PARAMETER3 + unknowns * SECONDS_PER_UNKNOWN;
  }
  const count = architectures.length;
  return workEstimate(seconds, 1, `${count} ${count === 1 ? "architecture" : "architectures"} of up to ${largest} parameters`);
}
