import type { DeepSummary } from "../../experiments/deepSummary.js";
import type { DeepConfig } from "../../experiments/reproduceConfig.js";
import { intervalPointsSpec } from "../intervalPointsSpec.js";
import type { ReportSection } from "../reportDocument.js";
import { renderVegaLite } from "../renderVegaLite.js";
import { shortNumber } from "../shortNumber.js";
import { columnHeadings } from "./columnHeadings.js";
import { insideInterval } from "./findings.js";

/**
 * Section 5: the deep experiment, rendered from its summary.
 *
 * @internal
 */
export async function deepSection(config: DeepConfig, summary: DeepSummary): Promise<ReportSection> {
  const [h1, h2] = config.hidden;
  const s = summary;
  const seeds = s.curves.length;
  const paragraphs = [
    `A ReLU network with two hidden layers (30 → ${h1} → ${h2} → 1, biases on both hidden layers, none on the output) on the breast-cancer training split, ${seeds} draws of PyTorch's default nn.Linear initialisation, each trained by full-batch gradient descent (float64, η = ${config.lr}, ${config.epochs} epochs, BCE with logits). The conserved quantity of a neuron of the last hidden layer is c = ‖incoming weights‖² + bias² − (output weight)²; with a scalar output a neuron with c < 0 can never change the sign of its output weight along gradient flow, at any depth.`,
    `At initialisation ${s.pathological} of the ${s.neurons} last-hidden-layer neurons were pathological: ${shortNumber(s.fraction)} (Wilson 95 % interval ${shortNumber(s.ci95[0])} to ${shortNumber(s.ci95[1])}). The two-layer formula with the last hidden layer's fan-in (d_in = ${s.predicted.dIn}: ${h1} inputs plus the bias), width ${h2} and one output predicts p = ${shortNumber(s.predicted.p)} under the same uniform law (Monte Carlo, ${s.predicted.samples} samples, interval ${shortNumber(s.predicted.ci95[0])} to ${shortNumber(s.predicted.ci95[1])}), ${insideInterval(Number(s.predicted.p), [Number(s.ci95[0]), Number(s.ci95[1])])}.`,
    `Under gradient descent ${s.lockedSignChanges} of the ${s.pathological} sign-locked output weights changed sign at some epoch (gradient flow: none can), against ${s.freeSignChanges} of the ${s.freeNeurons} others; the largest drift |c(t) − c(0)| of a last-layer neuron was ${shortNumber(String(s.maxInvariantDrift))}. The mean training loss went from ${shortNumber(String(s.trainLoss0))} to ${shortNumber(String(s.trainLoss))}.`,
  ];
  const fig = intervalPointsSpec(
    "Pathological neurons of the last hidden layer at initialisation",
    [
      { label: "observed (Wilson 95 %)", value: Number(s.fraction), lo: Number(s.ci95[0]), hi: Number(s.ci95[1]) },
      {
        label: `two-layer formula, d_in = ${s.predicted.dIn}, l = ${h2}`,
        value: Number(s.predicted.p),
        lo: Number(s.predicted.ci95[0]),
        hi: Number(s.predicted.ci95[1]),
      },
    ],
    "fraction with c < 0",
  );
  return {
    id: "deep",
    title: "5. Deeper networks: the last hidden layer",
    paragraphs,
    figures: [
      {
        file: "deep-pathological.svg",
        caption: `Fraction of last-hidden-layer neurons with c < 0 at PyTorch's default initialisation (${s.neurons} neurons over ${seeds} draws) beside the two-layer formula's p for fan-in ${s.predicted.dIn}, width ${h2}, one output.`,
        svg: await renderVegaLite(fig),
      },
    ],
    tables: [
      {
        file: "deep.csv",
        caption: "The last hidden layer of the deep experiment",
        table: s.table,
        headings: columnHeadings(s.table.columns),
      },
    ],
  };
}
