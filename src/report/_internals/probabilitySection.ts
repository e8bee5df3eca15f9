import type { ProbabilityCell } from "../../experiments/probabilityCell.js";
import type { ProbabilitySummary } from "../../experiments/probabilitySummary.js";
import type { ProbabilityConfig } from "../../experiments/reproduceConfig.js";
import { InternalError } from "../../errors.js";
import { probabilityHeatmapSvg } from "../probabilityHeatmapSvg.js";
import type { ReportSection } from "../reportDocument.js";
import { shortNumber } from "../shortNumber.js";
import { columnHeadings } from "./columnHeadings.js";

const SCHEME_NAMES: Record<string, string> = {
  "kaiming-normal": "Kaiming (He) normal",
  "xavier-normal": "Xavier (Glorot) normal",
  "lecun-normal": "LeCun normal",
};

/**
 * The probability section: for each normal scheme, heat maps of
 * P(H(c) disconnected) and of p over fan-in d_in and width l, the full grid as
 * CSV, and the corner values of {@link probabilitySummary} quoted in the text.
 *
 * @param config - the probability configuration the cells ran with
 * @param cells - one cell per scheme, for the heat maps and tables
 * @param summary - the corner values, from `probabilitySummary`
 * @returns the section, ready for the page
 * @internal
 */
export async function probabilitySection(
  config: ProbabilityConfig,
  cells: readonly ProbabilityCell[],
  summary: ProbabilitySummary,
): Promise<ReportSection> {
  const figures: ReportSection["figures"] = [];
  const tables: ReportSection["tables"] = [];
  const paragraphs = [
    `The probability that a freshly initialised network (scalar output, e = ${config.e}) has a disconnected invariant set H(c), i.e. at least one neuron that splits it (docs/theory.md §5): P = 1 − (1 − q)^l with q = p = I_{1/(1+ρ)}(d_in/2, e/2), the probability that one neuron is pathological (q = 1 when d_in = 1). d_in is the fan-in of a hidden neuron (input dimension + 1 with a hidden bias). Values to ${config.digits} digits from the probability layer, over d_in = ${config.dIn[0]} … ${config.dIn.at(-1)} and l = ${config.widths[0]} … ${config.widths.at(-1)}.`,
  ];
  const { dMax, lMax } = summary;
  for (const cell of cells) {
    const name = SCHEME_NAMES[cell.scheme] ?? cell.scheme;
    const a = summary.corners[cell.scheme];
    // the summary names its corners by the same schemes as the cells it was computed from
    if (a === undefined) throw new InternalError(`no probability corners for scheme ${cell.scheme}`);
    paragraphs.push(
      `${name}: one neuron is pathological with probability ${shortNumber(a.small!.pNeuron)} at d_in = 2, l = 1 and ${shortNumber(a.largest!.pNeuron)} at d_in = ${dMax}, l = ${lMax}; H(c) is disconnected with probability ${shortNumber(a.wide!.pDisconnected)} at d_in = 2, l = ${lMax} and ${shortNumber(a.deep!.pDisconnected)} at d_in = ${dMax}, l = 1.`,
    );
    figures.push(
      {
        file: `probability-${cell.scheme}-disconnected.svg`,
        caption: `${name}: probability that H(c) is disconnected (at least one neuron splits it), over fan-in d_in and width l.`,
        svg: await probabilityHeatmapSvg(cell.rows, { title: `${name}: P(invariant set disconnected)`, value: "pDisconnected" }),
      },
      {
        file: `probability-${cell.scheme}-neuron.svg`,
        caption: `${name}: probability that one neuron is pathological (c_k < 0), over fan-in d_in and width l.`,
        svg: await probabilityHeatmapSvg(cell.rows, { title: `${name}: P(one neuron pathological)`, value: "pNeuron" }),
      },
    );
    const columns = ["d_in", "l", "p_neuron", "p_disconnected"];
    tables.push({
      file: `probability-${cell.scheme}.csv`,
      caption: `${name}: p (one neuron pathological) and P(H(c) disconnected) per d_in and l`,
      table: { columns, rows: cell.rows.map((r) => [String(r.dIn), String(r.l), r.pNeuron, r.pDisconnected]) },
      headings: columnHeadings(columns),
      showRows: 8,
    });
  }
  return { id: "probability", title: "3. How often: probability of obstruction at initialisation", paragraphs, figures, tables };
}
