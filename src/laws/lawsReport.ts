import { activationName } from "../net/activationName.js";
import type { LawArchitecture } from "./lawArchitecture.js";
import { conservationLaws, type ConservationLawsOptions } from "./conservationLaws.js";
import { knownLawCount } from "./knownLawCount.js";
import { knownMomentumLawCount } from "./knownMomentumLawCount.js";
import { momentumLaws } from "./momentumLaws.js";

/** The flow whose conservation laws are counted: gradient flow θ' = −∇L, or the momentum (heavy-ball) flow θ'' + θ' = −∇L. */
export type LawDynamics = "gradient" | "momentum";

/** Options of {@link lawsReport}. */
export interface LawsReportOptions extends ConservationLawsOptions {
  /** Which flow (default `gradient`). */
  dynamics?: LawDynamics;
}

/** The `relutopo laws --json` object; counts as decimal strings (they are bigint). */
export interface LawsReport {
  widths: number[];
  bias: boolean;
  activation: string;
  /** The flow: `gradient`, or `momentum` (laws h(t, θ, v), v = θ'). */
  dynamics: LawDynamics;
  degree: number;
  parameters: number;
  /** Functionally independent conservation laws: the explicit ones, certified complete when `certified`. */
  count: string;
  lower: string;
  upper: string;
  certified: boolean;
  /** A functionally independent set of laws of degree ≤ k, readable. */
  laws: string[];
  /** The other laws of the polynomial basis: each a function of `laws` (e.g. w1*a2 - w2*a1 for linear nets with d = e = 1). */
  dependentLaws: string[];
  /** The closed-form count of Marcotte et al. where one is known, and why. */
  known?: { count: string; reason: string };
  /** The Lie-algebra iteration behind `upper`: rank at the point, bracket depth, fields kept, why it stopped. */
  lie: { rank: number; levels: number; fields: number; stop: string };
  seconds: number;
}

/**
 * Discovers, counts and certifies the conservation laws of an architecture
 * (see `conservationLaws`, and `momentumLaws` for the momentum flow), in the
 * shape `relutopo laws --json` prints.
 *
 * @param arch - the architecture
 * @param options - the flow, the degree of the laws searched, and how to certify them
 * @returns the count, its bounds and certificate, the laws, and the closed form where one is known
 * @example lawsReport(lawArchitecture([3, 4, 1])).count // returns "4"
 */
export function lawsReport(arch: LawArchitecture, options: LawsReportOptions = {}): LawsReport {
  const dynamics = options.dynamics ?? "gradient";
  const t0 = performance.now();
  const r = dynamics === "momentum" ? momentumLaws(arch, options) : conservationLaws(arch, options);
  const seconds = (performance.now() - t0) / 1000;
  const independent = new Set(r.independent);
  const known = dynamics === "momentum" ? knownMomentumLawCount(arch) : knownLawCount(arch);
  return {
    widths: [...arch.widths],
    bias: arch.bias,
    activation: activationName(arch.activation),
    dynamics,
    degree: r.degree,
    parameters: r.parameters,
    count: String(r.count),
    lower: String(r.lower),
    upper: String(r.upper),
    certified: r.certified,
    laws: r.laws.filter((_, i) => independent.has(i)).map((l) => l.text),
    dependentLaws: r.laws.filter((_, i) => !independent.has(i)).map((l) => l.text),
    ...(known ? { known: { count: String(known.count), reason: known.reason } } : {}),
    lie: { rank: r.lie.rank, levels: r.lie.levels, fields: r.lie.fields, stop: r.lie.stop },
    seconds: Math.round(seconds * 1000) / 1000,
  };
}
