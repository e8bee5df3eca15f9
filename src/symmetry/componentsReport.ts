import type { Rational } from "../scalar/exact.js";
import { checkDims, type QuadricDims } from "../topology/checkDims.js";
import { bettiNumbers } from "../topology/bettiNumbers.js";
import { canExpand } from "../topology/canExpand.js";
import { formatFactors } from "../topology/formatFactors.js";
import { formatPolynomial } from "../topology/formatPolynomial.js";
import { poincareFactors } from "../topology/poincareFactors.js";
import { signCounts } from "../topology/signCounts.js";
import { componentCount } from "../topology/componentCount.js";
import { splitNeurons } from "../topology/splitNeurons.js";
import { effectiveComponentCount } from "./effectiveComponentCount.js";
import { strictOrbitCount } from "./strictOrbitCount.js";

/** Everything `relutopo components` reports about H(c); counts as decimal strings (BigInt). */
export interface ComponentsReport {
  dIn: number;
  e: number;
  l: number;
  /** b_0 … b_top; absent when too large to expand (see `bettiOmitted`). */
  betti?: string[] | undefined;
  bettiOmitted?: string | undefined;
  /** Expanded "1 + 2t^2 + t^4" when Betti numbers are given, else the factored form. */
  poincare: string;
  poincareFactored: string;
  components: string;
  pathological: number[];
  positiveSplit: number[];
  strictOrbits: string;
  effective: string;
}

/**
 * The topology of H(c) = Q(c_1) × … × Q(c_l) and the symmetry counts of its components.
 *
 * @param c - the invariants c_k of the hidden neurons
 * @param dims - d_in and e of the quadrics
 * @returns sign counts, components, Betti numbers or the factored Poincaré polynomial, and orbit counts
 * @throws InputError unless d_in and e are positive integers
 * @example componentsReport(["-2", "-3"].map(exact.parse), { dIn: 2, e: 1 }).effective // returns "3"
 */
export function componentsReport(c: readonly Rational[], dims: QuadricDims): ComponentsReport {
  checkDims(dims);
  const factors = poincareFactors(signCounts(c), dims);
  const split = splitNeurons(c, dims);
  const report: ComponentsReport = {
    dIn: dims.dIn,
    e: dims.e,
    l: c.length,
    betti: undefined,
    bettiOmitted: undefined,
    poincare: "",
    poincareFactored: formatFactors(factors),
    components: "",
    pathological: split.pathological,
    positiveSplit: split.positiveSplit,
    strictOrbits: "",
    effective: "",
  };
  if (canExpand(factors)) {
    const betti = bettiNumbers(factors);
    report.betti = betti.map(String);
    report.poincare = formatPolynomial(betti);
  } else {
    report.bettiOmitted = "too large to expand: see poincareFactored";
    report.poincare = report.poincareFactored;
  }
  report.components = componentCount(split).toString();
  report.strictOrbits = strictOrbitCount(c, split).toString();
  report.effective = effectiveComponentCount(split).toString();
  return report;
}
