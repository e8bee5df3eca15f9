import { type WorkEstimate, workEstimate } from "../work/workEstimate.js";
import { activationSlopes } from "./activationSlopes.js";
import type { LawArchitecture } from "./lawArchitecture.js";
import { parameterCount } from "./parameterCount.js";
import type { LawDynamics } from "./lawsReport.js";

/**
 * Gradient flow, whole-process CPU seconds of `relutopo laws` on one core (Node 20), fitted by
 * least squares on 2,h,1 networks (h = 20, 70, 130, 200, 300 at degree 2; 70, 300, 500 at
 * degree 1) and checked on sizes the fit did not see (h = 40, 100, 160 at degree 2; 20, 130,
 * 200 at degree 1): all within ±25 %. The cost is a fixed part (loading and warming up the law
 * search, once per call), a part per squared parameter (the ranks of the D × D Jacobians mod p
 * at θ0), a part per unknown coefficient of the explicit laws of degree ≤ k and a part per cubed
 * parameter (the echelon forms, which dominate past about 1500 parameters). The fit is of the
 * least of two or three runs; the constants are that fit times 1.1, since a single run takes
 * about 10 % more: 2,100,1 (300 parameters) was 0.89 s estimated, 0.85–1.0 s measured. Deeper nets of the same size run faster than
 * this (2,30,30,1: 7.7 s estimated, 3.4 s measured): an over-estimate, which only refuses earlier.
 * Machines differ by more than the ±30 % the estimate aims at: 2,100,1 took 1.14 s of CPU on a later machine and
 * 0.5–0.7 s on the one after it, where the parts below are the first fit's times 0.7 (0.62 s estimated).
 */
const SECONDS_PER_CALL = 0.28;
const SECONDS_PER_PARAMETER2 = 2.8e-6;
const SECONDS_PER_UNKNOWN = 7e-7;
const SECONDS_PER_PARAMETER3 = 2.1e-9;
const SECONDS_PER_REPORT = 3.5e-3;
/**
 * Momentum flow, same laptop: per cubed phase-space coordinate for the
 * brackets of two-slope nets (they fill the phase space in two levels) and
 * of two-layer linear nets; per squared quarter of the unknowns of the
 * explicit laws (their largest block, θ_i·v_j at degree 2, holds about a
 * quarter of them and is solved densely); per sixth power of D for the
 * brackets of deeper linear nets, whose degrees grow with every level
 * (2,4,4,1: 2.7 s, 2,5,5,1: 21 s).
 */
const MOMENTUM_SECONDS_PER_COORDINATE3 = 1e-8;
const MOMENTUM_LINEAR_SECONDS_PER_COORDINATE3 = 3e-7;
const MOMENTUM_SECONDS_PER_BLOCK2 = 1.3e-6;
const MOMENTUM_DEEP_SECONDS_PER_PARAMETER6 = 6e-9;

/**
 * The work of `conservationLaws` and `momentumLaws` (and `lawsReport`) for
 * each architecture and flow, summed, plus a fixed part once: for gradient flow
 * D² and D³ terms for the ranks at θ0 plus the unknown coefficients of the explicit
 * laws of degree ≤ k; for the momentum flow the same in the 2D coordinates of phase space
 * (the explicit search is skipped for two slopes, which have no law).
 *
 * @param architectures - the architectures, each computed once per flow
 * @param degree - the largest degree of the explicit laws
 * @param dynamics - the flows (default gradient flow alone)
 * @returns seconds on one laptop core and the largest parameter count
 * @example lawsWork([lawArchitecture([2, 1333, 1])], 1).seconds > 60 // returns true
 */
export function lawsWork(
  architectures: readonly LawArchitecture[],
  degree: number,
  dynamics: readonly LawDynamics[] = ["gradient"],
): WorkEstimate {
  let seconds = SECONDS_PER_CALL;
  let largest = 0;
  const unknownsOf = (n: number): number => {
    let unknowns = 0;
    let monomials = 1;
    for (let a = 1; a <= degree; a++) {
      monomials = (monomials * (n + a - 1)) / a;
      unknowns += monomials;
    }
    return unknowns;
  };
  for (const arch of architectures) {
    const D = parameterCount(arch);
    largest = Math.max(largest, D);
    for (const flow of dynamics) {
      seconds += SECONDS_PER_REPORT;
      if (flow === "gradient") {
        seconds += D ** 2 * SECONDS_PER_PARAMETER2 + D ** 3 * SECONDS_PER_PARAMETER3 + unknownsOf(D) * SECONDS_PER_UNKNOWN;
        continue;
      }
      const n = 2 * D;
      if (activationSlopes(arch.activation).length > 1) {
        seconds += n ** 3 * MOMENTUM_SECONDS_PER_COORDINATE3;
        continue;
      }
      seconds += n ** 3 * MOMENTUM_LINEAR_SECONDS_PER_COORDINATE3 + (unknownsOf(n) / 4) ** 2 * MOMENTUM_SECONDS_PER_BLOCK2;
      if (arch.widths.length > 3) seconds += D ** 6 * MOMENTUM_DEEP_SECONDS_PER_PARAMETER6;
    }
  }
  const count = architectures.length;
  return workEstimate(seconds, 1, `${count} ${count === 1 ? "architecture" : "architectures"} of up to ${largest} parameters`);
}
