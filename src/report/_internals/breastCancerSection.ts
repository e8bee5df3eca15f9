import type { BreastCancerGroup, BreastCancerSummary } from "../../experiments/breastCancerSummary.js";
import type { BreastCancerConfig } from "../../experiments/reproduceConfig.js";
import type { BandPoint } from "../bandFigureSpec.js";
import { bandSmallMultiplesSpec } from "../bandSmallMultiplesSpec.js";
import { pairedEffectSpec, type EffectPoint } from "../pairedEffectSpec.js";
import { sideBySideBandSpec } from "../sideBySideBandSpec.js";
import type { ReportSection } from "../reportDocument.js";
import { renderVegaLite } from "../renderVegaLite.js";
import { shortNumber } from "../shortNumber.js";
import { columnHeadings } from "./columnHeadings.js";
import { lossDecreasePhrase, lPlusFinding } from "./findings.js";
import { at } from "../../scalar/at.js";

/**
 * At most `max` widths to draw in one chart: all when few, else the smallest,
 * the largest and evenly spaced ones between (by rank), so the lines stay apart.
 */
function selectWidths(widths: readonly number[], max: number): number[] {
  if (widths.length <= max) return [...widths];
  // Geometric targets between the smallest and largest width (1, 2, 4, 8, 16 for 1 … 16): the
  // loss changes most among the small widths.
  const lo = at(widths, 0);
  const hi = widths.at(-1)!;
  const picked = new Set<number>();
  for (let i = 0; i < max; i++) {
    const target = lo * (hi / lo) ** (i / (max - 1));
    const free = widths.filter((w) => !picked.has(w));
    picked.add(free.reduce((best, w) => (Math.abs(w - target) < Math.abs(best - target) ? w : best)));
  }
  return [...picked].sort((a, b) => a - b);
}

/**
 * The breast-cancer section: mean test loss ± one standard error over seeds,
 * against l₊ per width and against l₊/l, the table of every (l, l₊), and the
 * paired effects the text quotes, all from {@link breastCancerSummary}.
 *
 * @param config - the configuration the cells ran with
 * @param summary - the numbers, from `breastCancerSummary`
 * @returns the section, ready for the page
 * @internal
 */
export async function breastCancerSection(config: BreastCancerConfig, summary: BreastCancerSummary): Promise<ReportSection> {
  const {
    widths,
    groups,
    table,
    effectZeroToOne: effect01,
    effectOneToAll: effect1l,
    neurons,
    naturallyPathological: natural,
    pathologicalFraction,
    split,
    pathologicalSignChanges: signChanges,
    maxInvariantDrift: maxDrift,
  } = summary;
  const series = (l: number): string => `l = ${l}`;
  const shown = selectWidths(widths, 5);
  const seriesOrder = shown.map(series);
  const band = (x: (r: BreastCancerGroup) => number, only: readonly number[]): BandPoint[] =>
    groups
      .filter((r) => only.includes(r.l))
      .map((r) => ({ series: series(r.l), x: x(r), mean: r.loss.mean, lo: r.loss.mean - r.loss.se, hi: r.loss.mean + r.loss.se }));
  const seeds = config.seeds;
  const finding = lPlusFinding(summary);
  const subset =
    shown.length < widths.length
      ? ` (widths ${shown.join(", ")} of ${widths.length}; every width is in the next figure and the table)`
      : "";
  const effectPoints: EffectPoint[] = summary.effectsByWidth.flatMap((e) => [
    { series: "l₊ = 0 → 1", x: e.l, mean: e.zeroToOne.mean, se: e.zeroToOne.se },
    ...(e.oneToAll ? [{ series: "l₊ = 1 → l", x: e.l, mean: e.oneToAll.mean, se: e.oneToAll.se }] : []),
  ]);
  const figures: ReportSection["figures"] = [
    {
      file: "breast-cancer-loss-vs-lplus-and-fraction.svg",
      caption: `Mean test loss (BCE) over ${seeds} seeds against the number l₊ of non-pathological neurons at initialisation (left) and against the fraction l₊/l (right), one line per width${subset}; the band is ± one standard error. ${finding.steps} ${finding.verdict}`,
      svg: await renderVegaLite(
        sideBySideBandSpec(
          band((r) => r.lPlus, shown),
          band((r) => r.lPlus / r.l, shown),
          {
            title: "Breast cancer: test loss against l₊ and against l₊/l",
            subtitle: "l₊ = neurons with c_k > 0 at initialisation, out of l",
            leftXTitle: "l₊ (non-pathological neurons)",
            rightXTitle: "l₊ / l (their fraction)",
            yTitle: "mean test loss (BCE)",
            seriesTitle: "width",
            seriesOrder,
          },
        ),
      ),
    },
    {
      file: "breast-cancer-loss-vs-lplus.svg",
      caption: `Every width on its own: mean test loss ± one standard error against l₊, one panel per width l, the point at l₊ = 0 (every neuron pathological) in red. The y axis is shared by all panels.`,
      svg: await renderVegaLite(
        bandSmallMultiplesSpec(
          band((r) => r.lPlus, widths),
          {
            title: "Breast cancer: test loss against l₊, one panel per width",
            xTitle: "l₊",
            yTitle: "mean test loss",
            panelOrder: widths.map(series),
            columns: 4,
            highlight: { x: 0, label: "l₊ = 0 (all neurons pathological)", otherLabel: "l₊ ≥ 1" },
          },
        ),
      ),
    },
    {
      file: "breast-cancer-first-neuron.svg",
      caption: `How much the first non-pathological neuron matters: per width, the paired decrease of the test loss from l₊ = 0 to l₊ = 1 and from l₊ = 1 to l₊ = l (test loss before minus after, mean over ${seeds} seeds ± one standard error; above zero the loss falls).`,
      svg: await renderVegaLite(
        pairedEffectSpec(effectPoints, {
          title: "Breast cancer: what the first non-pathological neuron changes",
          subtitle: "paired decrease of the test loss, per width",
          xTitle: "width l",
          yTitle: "decrease of test loss (BCE)",
          seriesTitle: "step",
          seriesOrder: ["l₊ = 0 → 1", "l₊ = 1 → l"],
        }),
      ),
    },
  ];
  const paragraphs = [
    `Wisconsin diagnostic breast cancer (569 samples, 30 features; data/README.md): a seeded split into ${split.train} training and ${split.test} test rows, features standardised with the training statistics. A ReLU network with width l, hidden bias and ${config.outputBias ? "an" : "no"} output bias is trained by full-batch gradient descent (η = ${config.lr}, ${config.epochs} epochs) on the binary cross-entropy of its logit, for widths ${widths.join(", ")} and ${seeds} seeds (${summary.runs} trainings).`,
    `Each (width, seed) starts from one network drawn with PyTorch's default initialisation (uniform ±1/√fan-in); for every l₊ = 0 … l the neurons are then rescaled, (w̃_k, a_k) ↦ (λw̃_k, a_k/λ), so that ‖w̃_k‖/|a_k| = ${config.ratio} for the first l₊ neurons (c_k > 0) and 1/${config.ratio} for the others (pathological, c_k < 0). The function is the same for every l₊; only the invariants differ, so the comparison across l₊ is paired.`,
    `Over all widths, going from l₊ = 0 to l₊ = 1 ${lossDecreasePhrase(effect01)} on average over ${effect01.pairs} paired runs (results.json: effectZeroToOne.mean = ${shortNumber(effect01.mean)}, the test loss at l₊ = 0 minus at l₊ = 1)` +
      (effect1l
        ? `, and going from l₊ = 1 to l₊ = l ${lossDecreasePhrase(effect1l)} over ${effect1l.pairs} pairs of widths ≥ 2 (effectOneToAll.mean, the loss at l₊ = 1 minus at l₊ = l).`
        : ".") +
      ` ${finding.steps} ${finding.verdict}`,
    `How often it happens: at PyTorch's default initialisation (before rescaling) ${natural} of ${neurons} neurons (${shortNumber(pathologicalFraction)}) were pathological here. Gradient descent with η = ${config.lr} is not the flow (c_k drifted by at most ${shortNumber(maxDrift)}), ` +
      (signChanges === 0
        ? "yet no pathological neuron changed the sign of its output weight in any run (0 sign changes, checked at every epoch)."
        : `and ${signChanges} pathological neurons changed the sign of their output weight at some epoch: the step is too large for gradient descent to follow the flow's topology.`),
  ];
  return {
    id: "breast-cancer",
    title: "2. Breast cancer: how many non-pathological neurons",
    paragraphs,
    figures,
    tables: [
      {
        file: "breast-cancer.csv",
        caption: "Mean test loss and accuracy per width l and l₊",
        table,
        headings: columnHeadings(table.columns),
      },
    ],
  };
}
