/** Conservation laws of gradient flows, discovered and counted exactly over Q. */
export type { LawArchitecture, LawArchitectureOptions, ParameterSlot } from "./architecture.js";
export {
  lawArchitecture,
  architectureLayout,
  parameterCount,
  parameterSlots,
  parameterNames,
  activationSlopes,
  architectureLabel,
  MAX_PARAMETERS,
} from "./architecture.js";
export type { IntegerPolynomial } from "./generatorPolynomials.js";
export { generatorPolynomials } from "./generatorPolynomials.js";
export type { RationalPolynomial } from "./explicitLaws.js";
export { explicitLaws, compareMonomials, MAX_UNKNOWNS } from "./explicitLaws.js";
export type { LieAlgebraRankOptions, LieAlgebraRankResult } from "./lieAlgebraRank.js";
export { lieAlgebraRank } from "./lieAlgebraRank.js";
export { formatLaw } from "./formatLaw.js";
export type { ConservationLawsOptions, ConservationLawsReport, Law } from "./conservationLaws.js";
export { conservationLaws } from "./conservationLaws.js";
export type { KnownLawCount } from "./knownLawCount.js";
export { knownLawCount } from "./knownLawCount.js";
export type { LawsReport } from "./lawsReport.js";
export { lawsReport } from "./lawsReport.js";
export { lawsTable } from "./lawsTable.js";
export { widthsGrid } from "./widthsGrid.js";
export type { LawDynamics, LawsReportOptions } from "./lawsReport.js";
export type { MomentumLaw } from "./momentumExplicitLaws.js";
export { momentumExplicitLaws } from "./momentumExplicitLaws.js";
export { momentumLieRank } from "./momentumLieRank.js";
export type { MomentumLawsOptions, MomentumLawsReport } from "./momentumLaws.js";
export { momentumLaws } from "./momentumLaws.js";
export { knownMomentumLawCount } from "./knownMomentumLawCount.js";
