import type { BreastCancerGroup, BreastCancerSummary } from "../../experiments/breastCancerSummary.js";
import type { BreastCancerConfig } from "../../experiments/reproduceConfig.js";
import { bandFigureSpec, type BandPoint } from "../bandFigureSpec.js";
import type { ReportSection } from "../reportDocument.js";
import { renderVegaLite } from "../renderVegaLite.js";
import { shortNumber } from "../shortNumber.js";

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
  const seriesOrder = widths.map(series);
  const band = (x: (r: BreastCancerGroup) => number): BandPoint[] =>
    groups.map((r) => ({ series: series(r.l), x: x(r), mean: r.loss.mean, lo: r.loss.mean - r.loss.se, hi: r.loss.mean + r.loss.se }));
  const seeds = config.seeds;
  const figures: ReportSection["figures"] = [
    {
      file: "breast-cancer-loss-vs-lplus.svg",
      caption: `Mean test loss (BCE) over ${seeds} seeds against the number l₊ of non-pathological neurons at initialisation, one line per width l; the band is ± one standard error.`,
      svg: await renderVegaLite(
        bandFigureSpec(
          band((r) => r.lPlus),
          {
            title: "Breast cancer: test loss against l₊",
            subtitle: "l₊ = number of neurons with c_k > 0 at initialisation",
            xTitle: "l₊ (non-pathological neurons at initialisation)",
            yTitle: "mean test loss (BCE)",
            seriesTitle: "width",
            seriesOrder,
            integerX: true,
          },
        ),
      ),
    },
    {
      file: "breast-cancer-loss-vs-fraction.svg",
      caption: `The same means against the fraction l₊/l: if the fraction mattered, the lines would coincide here rather than in the previous figure.`,
      svg: await renderVegaLite(
        bandFigureSpec(
          band((r) => r.lPlus / r.l),
          {
            title: "Breast cancer: test loss against l₊/l",
            subtitle: "the same runs, against the fraction of non-pathological neurons",
            xTitle: "l₊ / l (fraction of non-pathological neurons)",
            yTitle: "mean test loss (BCE)",
            seriesTitle: "width",
            seriesOrder,
          },
        ),
      ),
    },
  ];
  const paragraphs = [
    `Wisconsin diagnostic breast cancer (569 samples, 30 features; data/README.md): a seeded split into ${split.train} training and ${split.test} test rows, features standardised with the training statistics. A ReLU network with width l, hidden bias and ${config.outputBias ? "an" : "no"} output bias is trained by full-batch gradient descent (η = ${config.lr}, ${config.epochs} epochs) on the binary cross-entropy of its logit, for widths ${widths.join(", ")} and ${seeds} seeds (${summary.runs} trainings).`,
    `Each (width, seed) starts from one network drawn with PyTorch's default initialisation (uniform ±1/√fan-in); for every l₊ = 0 … l the neurons are then rescaled, (w̃_k, a_k) ↦ (λw̃_k, a_k/λ), so that ‖w̃_k‖/|a_k| = ${config.ratio} for the first l₊ neurons (c_k > 0) and 1/${config.ratio} for the others (pathological, c_k < 0). The function is the same for every l₊; only the invariants differ, so the comparison across l₊ is paired.`,
    `Going from l₊ = 0 to l₊ = 1 changes the test loss by ${shortNumber(-effect01.mean)} on average (± ${shortNumber(effect01.se)} standard error, ${effect01.pairs} paired runs)` +
      (effect1l
        ? `, while going from l₊ = 1 to l₊ = l changes it by ${shortNumber(-effect1l.mean)} (± ${shortNumber(effect1l.se)}, ${effect1l.pairs} pairs, widths ≥ 2).`
        : ".") +
      ` The paper's finding is that the absolute number l₊ of non-pathological neurons, not the fraction l₊/l, governs the loss: compare how the lines line up in the two figures.`,
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
    tables: [{ file: "breast-cancer.csv", caption: "Mean test loss and accuracy per width l and l₊", table }],
  };
}
