import type { ProbabilityCell } from "../experiments/probabilityCell.js";
import type { ProbabilityConfig } from "../experiments/reproduceConfig.js";
import { probabilityHeatmapSvg } from "./heatmap.js";
import type { ReportSection } from "./reportPage.js";
import { shortNumber } from "./shortNumber.js";

const SCHEME_NAMES: Record<string, string> = { "kaiming-normal": "Kaiming (He) normal", "xavier-normal": "Xavier (Glorot) normal", "lecun-normal": "LeCun normal" };

/**
 * The probability section: for each normal scheme, heat maps of
 * P(H(c) disconnected) and of p over fan-in d_in and width l, the full grid as CSV, and
 * anchor values quoted in the text.
 */
export async function probabilitySection(config: ProbabilityConfig, cells: readonly ProbabilityCell[]): Promise<{ section: ReportSection; results: Record<string, unknown> }> {
  const figures: ReportSection["figures"] = [];
  const tables: ReportSection["tables"] = [];
  const results: Record<string, unknown> = { e: config.e, digits: config.digits, dIn: [config.dIn[0], config.dIn.at(-1)], widths: [config.widths[0], config.widths.at(-1)], schemes: {} };
  const paragraphs = [
    `The probability that a freshly initialised network (scalar output, e = ${config.e}) has a disconnected invariant set H(c), i.e. at least one neuron that splits it (docs/theory.md §5): P = 1 − (1 − q)^l with q = p = I_{1/(1+ρ)}(d_in/2, e/2), the probability that one neuron is pathological (q = 1 when d_in = 1). d_in is the fan-in of a hidden neuron (input dimension + 1 with a hidden bias). Values to ${config.digits} digits from the probability layer, over d_in = ${config.dIn[0]} … ${config.dIn.at(-1)} and l = ${config.widths[0]} … ${config.widths.at(-1)}.`,
  ];
  const schemes = results.schemes as Record<string, unknown>;
  for (const cell of cells) {
    const name = SCHEME_NAMES[cell.scheme] ?? cell.scheme;
    const at = (dIn: number, l: number): ProbabilityCell["rows"][number] | undefined => cell.rows.find((r) => r.dIn === dIn && r.l === l);
    const dMax = config.dIn.at(-1)!;
    const lMax = config.widths.at(-1)!;
    const anchors = { "dIn=2,l=1": at(2, 1), [`dIn=2,l=${lMax}`]: at(2, lMax), [`dIn=${dMax},l=1`]: at(dMax, 1), [`dIn=${dMax},l=${lMax}`]: at(dMax, lMax) };
    schemes[cell.scheme] = Object.fromEntries(Object.entries(anchors).map(([k, r]) => [k, r ? { pNeuron: r.pNeuron, pDisconnected: r.pDisconnected } : null]));
    const a = anchors;
    paragraphs.push(
      `${name}: one neuron is pathological with probability ${shortNumber(a["dIn=2,l=1"]!.pNeuron)} at d_in = 2, l = 1 and ${shortNumber(a[`dIn=${dMax},l=${lMax}`]!.pNeuron)} at d_in = ${dMax}, l = ${lMax}; H(c) is disconnected with probability ${shortNumber(a[`dIn=2,l=${lMax}`]!.pDisconnected)} at d_in = 2, l = ${lMax} and ${shortNumber(a[`dIn=${dMax},l=1`]!.pDisconnected)} at d_in = ${dMax}, l = 1.`,
    );
    figures.push(
      { file: `probability-${cell.scheme}-disconnected.svg`, caption: `${name}: probability that H(c) is disconnected (at least one neuron splits it), over fan-in d_in and width l.`, svg: await probabilityHeatmapSvg(cell.rows, { title: `${name}: P(invariant set disconnected)`, value: "pDisconnected" }) },
      { file: `probability-${cell.scheme}-neuron.svg`, caption: `${name}: probability that one neuron is pathological (c_k < 0), over fan-in d_in and width l.`, svg: await probabilityHeatmapSvg(cell.rows, { title: `${name}: P(one neuron pathological)`, value: "pNeuron" }) },
    );
    tables.push({
      file: `probability-${cell.scheme}.csv`,
      caption: `${name}: p (one neuron pathological) and P(H(c) disconnected) per d_in and l`,
      table: { columns: ["d_in", "l", "p_neuron", "p_disconnected"], rows: cell.rows.map((r) => [String(r.dIn), String(r.l), r.pNeuron, r.pDisconnected]) },
      showRows: 8,
    });
  }
  return { section: { id: "probability", title: "3. How often: probability of obstruction at initialisation", paragraphs, figures, tables }, results };
}
