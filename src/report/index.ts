export { renderVegaLite } from "./renderVegaLite.js";
export { quadricFigureSpec, type QuadricFigureOptions, type QuadricTrajectory } from "./quadricFigureSpec.js";
export { lossCurvesSpec, type LossCurve } from "./lossCurvesSpec.js";
export { layerInvariantsSpec } from "./layerInvariantsSpec.js";
export { intervalPointsSpec, type IntervalPoint } from "./intervalPointsSpec.js";
export { driftCurvesSpec, type DriftCurve } from "./driftCurvesSpec.js";
export { bandFigureSpec, type BandFigureOptions, type BandPoint } from "./bandFigureSpec.js";
export type { ReportDocument, ReportSection, ReportFigure, ReportTable } from "./reportDocument.js";
export { renderReportHtml } from "./renderReportHtml.js";
export { renderReportMarkdown } from "./renderReportMarkdown.js";
export { buildReport, type ReportFile, type ReportMeta } from "./buildReport.js";
export { writeReport } from "./writeReport.js";
export { shortNumber } from "./shortNumber.js";
export { formatDuration } from "./formatDuration.js";
export {
  probabilityHeatmapSvg,
  PROBABILITY_QUANTITIES,
  type HeatmapOptions,
  type HeatmapRow,
  type ProbabilityQuantity,
} from "./probabilityHeatmapSvg.js";
