import type { BreastCancerCell, BreastCancerRun } from "../experiments/breastCancerCell.js";
import type { BreastCancerConfig } from "../experiments/reproduceConfig.js";
import { bandFigureSpec, type BandPoint } from "./bandFigure.js";
import type { ReportSection } from "./reportPage.js";
import { renderVegaLite } from "./renderSvg.js";
import { shortNumber } from "./shortNumber.js";

/** Mean and standard error of the mean (0 for a single value). */
function meanSe(values: readonly number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean, se: 0 };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

/** Numbers in CSV and JSON: 6 significant digits, deterministic. */
const fmt = (v: number): string => String(Number(v.toPrecision(6)));

/**
 * The breast-cancer section: mean test loss ± one standard error over seeds,
 * against l₊ per width and against l₊/l, the table of every (l, l₊), and the
 * paired effects the text quotes.
 */
export async function breastCancerSection(config: BreastCancerConfig, cells: readonly BreastCancerCell[], split: { train: number; test: number }): Promise<{ section: ReportSection; results: Record<string, unknown> }> {
  const runs: BreastCancerRun[] = cells.flatMap((c) => c.runs);
  const widths = [...new Set(cells.map((c) => c.l))].sort((a, b) => a - b);
  const rows: { l: number; lPlus: number; n: number; loss: { mean: number; se: number }; acc: { mean: number; se: number }; train: number }[] = [];
  for (const l of widths) {
    for (let lPlus = 0; lPlus <= l; lPlus++) {
      const group = runs.filter((r) => r.l === l && r.lPlus === lPlus);
      if (group.length === 0) continue;
      rows.push({ l, lPlus, n: group.length, loss: meanSe(group.map((r) => r.testLoss)), acc: meanSe(group.map((r) => r.testAccuracy)), train: meanSe(group.map((r) => r.trainLoss)).mean });
    }
  }
  const series = (l: number): string => `l = ${l}`;
  const seriesOrder = widths.map(series);
  const band = (x: (r: (typeof rows)[number]) => number): BandPoint[] => rows.map((r) => ({ series: series(r.l), x: x(r), mean: r.loss.mean, lo: r.loss.mean - r.loss.se, hi: r.loss.mean + r.loss.se }));
  const seeds = config.seeds;
  const figures: ReportSection["figures"] = [
    {
      file: "breast-cancer-loss-vs-lplus.svg",
      caption: `Mean test loss (BCE) over ${seeds} seeds against the number l₊ of non-pathological neurons at initialisation, one line per width l; the band is ± one standard error.`,
      svg: await renderVegaLite(bandFigureSpec(band((r) => r.lPlus), { title: "Breast cancer: test loss against l₊", subtitle: "l₊ = number of neurons with c_k > 0 at initialisation", xTitle: "l₊ (non-pathological neurons at initialisation)", yTitle: "mean test loss (BCE)", seriesTitle: "width", seriesOrder, integerX: true })),
    },
    {
      file: "breast-cancer-loss-vs-fraction.svg",
      caption: `The same means against the fraction l₊/l: if the fraction mattered, the lines would coincide here rather than in the previous figure.`,
      svg: await renderVegaLite(bandFigureSpec(band((r) => r.lPlus / r.l), { title: "Breast cancer: test loss against l₊/l", subtitle: "the same runs, against the fraction of non-pathological neurons", xTitle: "l₊ / l (fraction of non-pathological neurons)", yTitle: "mean test loss (BCE)", seriesTitle: "width", seriesOrder })),
    },
  ];
  // Paired effects: every (l, seed) cell trains the same initial function for each l₊.
  const d01: number[] = [];
  const d1l: number[] = [];
  for (const c of cells) {
    const at = (lPlus: number): number => c.runs.find((r) => r.lPlus === lPlus)!.testLoss;
    d01.push(at(0) - at(1));
    if (c.l >= 2) d1l.push(at(1) - at(c.l));
  }
  const effect01 = meanSe(d01);
  const effect1l = d1l.length > 0 ? meanSe(d1l) : null;
  const neurons = cells.reduce((s, c) => s + c.l, 0);
  const natural = cells.reduce((s, c) => s + c.naturallyPathological, 0);
  const signChanges = runs.reduce((s, r) => s + r.pathologicalSignChanges, 0);
  const maxDrift = runs.reduce((m, r) => Math.max(m, r.maxInvariantDrift), 0);
  const table = {
    columns: ["l", "l_plus", "l_plus_over_l", "runs", "mean_test_loss", "se_test_loss", "mean_test_accuracy", "mean_train_loss"],
    rows: rows.map((r) => [String(r.l), String(r.lPlus), fmt(r.lPlus / r.l), String(r.n), fmt(r.loss.mean), fmt(r.loss.se), fmt(r.acc.mean), fmt(r.train)]),
  };
  const byWidth = widths.map((l) => {
    const zero = rows.find((r) => r.l === l && r.lPlus === 0)!;
    const all = rows.find((r) => r.l === l && r.lPlus === l)!;
    return { l, lossAllPathological: fmt(zero.loss.mean), lossNonePathological: fmt(all.loss.mean) };
  });
  const results = {
    widths,
    seeds,
    epochs: config.epochs,
    lr: config.lr,
    ratio: config.ratio,
    hiddenBias: config.hiddenBias,
    outputBias: config.outputBias,
    split: { ...split, testFraction: config.testFraction },
    runs: runs.length,
    table: table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c, r[i]]))),
    byWidth,
    effectZeroToOne: { mean: fmt(effect01.mean), se: fmt(effect01.se), pairs: d01.length },
    effectOneToAll: effect1l ? { mean: fmt(effect1l.mean), se: fmt(effect1l.se), pairs: d1l.length } : null,
    naturallyPathological: { neurons, pathological: natural, fraction: fmt(natural / neurons) },
    pathologicalSignChanges: signChanges,
    maxInvariantDrift: fmt(maxDrift),
  };
  const paragraphs = [
    `Wisconsin diagnostic breast cancer (569 samples, 30 features; data/README.md): a seeded split into ${split.train} training and ${split.test} test rows, features standardised with the training statistics. A ReLU network with width l, hidden bias and ${config.outputBias ? "an" : "no"} output bias is trained by full-batch gradient descent (η = ${config.lr}, ${config.epochs} epochs) on the binary cross-entropy of its logit, for widths ${widths.join(", ")} and ${seeds} seeds (${runs.length} trainings).`,
    `Each (width, seed) starts from one network drawn with PyTorch's default initialisation (uniform ±1/√fan-in); for every l₊ = 0 … l the neurons are then rescaled, (w̃_k, a_k) ↦ (λw̃_k, a_k/λ), so that ‖w̃_k‖/|a_k| = ${config.ratio} for the first l₊ neurons (c_k > 0) and 1/${config.ratio} for the others (pathological, c_k < 0). The function is the same for every l₊; only the invariants differ, so the comparison across l₊ is paired.`,
    `Going from l₊ = 0 to l₊ = 1 changes the test loss by ${shortNumber(-effect01.mean)} on average (± ${shortNumber(effect01.se)} standard error, ${d01.length} paired runs)` +
      (effect1l ? `, while going from l₊ = 1 to l₊ = l changes it by ${shortNumber(-effect1l.mean)} (± ${shortNumber(effect1l.se)}, ${d1l.length} pairs, widths ≥ 2).` : ".") +
      ` The paper's finding is that the absolute number l₊ of non-pathological neurons, not the fraction l₊/l, governs the loss: compare how the lines line up in the two figures.`,
    `How often it happens: at PyTorch's default initialisation (before rescaling) ${natural} of ${neurons} neurons (${shortNumber(natural / neurons)}) were pathological here. Gradient descent with η = ${config.lr} is not the flow (c_k drifted by at most ${shortNumber(maxDrift)}), ` +
      (signChanges === 0
        ? "yet no pathological neuron changed the sign of its output weight in any run (0 sign changes, checked at every epoch)."
        : `and ${signChanges} pathological neurons changed the sign of their output weight at some epoch: the step is too large for gradient descent to follow the flow's topology.`),
  ];
  return {
    section: { id: "breast-cancer", title: "2. Breast cancer: how many non-pathological neurons", paragraphs, figures, tables: [{ file: "breast-cancer.csv", caption: "Mean test loss and accuracy per width l and l₊", table }] },
    results,
  };
}
