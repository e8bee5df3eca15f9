import type { OptimizersSummary, PathologicalFate } from "../../experiments/optimizersSummary.js";
import type { OptimizersConfig } from "../../experiments/reproduceConfig.js";
import { TOY_OBSTRUCTED_FLOOR } from "../../experiments/toyProblem.js";
import { categoryBarsSpec } from "../categoryBarsSpec.js";
import { categoryBoxSpec } from "../categoryBoxSpec.js";
import { categoryEffectSpec } from "../categoryEffectSpec.js";
import { optimizerCurvesSpec } from "../optimizerCurvesSpec.js";
import type { ReportSection } from "../reportDocument.js";
import { renderVegaLite } from "../renderVegaLite.js";
import { shortNumber } from "../shortNumber.js";
import { columnHeadings } from "./columnHeadings.js";
import { andList, decreasesByLabel } from "./findings.js";
import { at } from "../../scalar/at.js";

/** "GD (η = 0.1, full batch)": an optimiser as the text names it. */
function describe(o: OptimizersConfig["optimizers"][number], batch: string): string {
  const parts = [`η = ${o.lr}`];
  if (o.optimizer.momentum !== undefined) parts.push(`μ = ${o.optimizer.momentum}`);
  if (o.optimizer.weightDecay !== undefined) parts.push(`λ = ${o.optimizer.weightDecay}`);
  if (o.optimizer.name === "adam") parts.push("β = (0.9, 0.999), ε = 10⁻⁸");
  parts.push(o.miniBatch ? batch : "full batch");
  return `${o.label} (${parts.join(", ")})`;
}

const count = (n: number, of: number): string => `${n}/${of}`;

/**
 * How the momentum optimisers' steady step η/(1 − μ) compares with plain
 * SGD's η, from the configuration (a sentence, or nothing without both).
 */
function momentumStep(optimizers: OptimizersConfig["optimizers"]): string {
  const plainSgd = optimizers.filter((o) => o.optimizer.name !== "adam" && !o.optimizer.momentum && !o.optimizer.weightDecay);
  return optimizers
    .filter((o) => o.optimizer.name !== "adam" && o.optimizer.momentum)
    .map((o) => {
      // compared with plain SGD on the same batches when there is one
      const plain = plainSgd.find((p) => p.miniBatch === o.miniBatch) ?? plainSgd[0];
      const steady = o.lr / (1 - o.optimizer.momentum!);
      return plain && Math.abs(steady - plain.lr) <= 1e-12 * plain.lr
        ? `${o.label} takes η = ${o.lr} so that its steady step η/(1 − μ) = ${shortNumber(steady)} is ${plain.label}'s. `
        : `${o.label}'s steady step η/(1 − μ) is ${shortNumber(steady)}${plain ? ` (${plain.label}: ${plain.lr})` : ""}. `;
    })
    .join("");
}

/**
 * The optimiser comparison: whether mini-batch SGD, momentum, weight decay
 * and Adam change the sign of a pathological neuron's output weight where
 * gradient descent cannot, how they move c_k, and what the first
 * non-pathological neuron is worth under each, all from `optimizersSummary`.
 *
 * @param config - the configuration the cells ran with
 * @param summary - the numbers, from `optimizersSummary`
 * @returns the section, ready for the page
 * @internal
 */
export async function optimizersSection(config: OptimizersConfig, summary: OptimizersSummary): Promise<ReportSection> {
  const { labels, toy, breastCancer: bc } = summary;
  const floor = Number(TOY_OBSTRUCTED_FLOOR.split("/")[0]) / Number(TOY_OBSTRUCTED_FLOOR.split("/")[1]);
  const signs = (f: PathologicalFate): string => count(f.signChanges, f.pathological);
  const healthy = (f: PathologicalFate): string => count(f.becameHealthy, f.pathological);
  const list = (items: string[]): string => `${items.slice(0, -1).join("; ")}${items.length > 1 ? "; and " : ""}${items.at(-1) ?? ""}`;
  const figures: ReportSection["figures"] = [
    {
      file: "optimizers-toy-loss.svg",
      caption: `The toy obstruction (section 1) trained by each optimiser from the obstructed start (solid: both neurons pathological, output weights negative) and the good start (dashed: the same function with c_k > 0), ${config.toyEpochs} epochs; mini-batch optimisers take ${config.toyBatchSize} of the 4 points per step. The green line is ${TOY_OBSTRUCTED_FLOOR}, the least loss of any network whose output weights are both ≤ 0.`,
      svg: await renderVegaLite(
        optimizerCurvesSpec(
          "Toy obstruction: training loss under each optimiser",
          toy.flatMap((t) => [
            { optimizer: t.optimizer, start: "obstructed", points: t.obstructed.curve },
            { optimizer: t.optimizer, start: "good", points: t.good.curve },
          ]),
          { optimizerOrder: labels, startOrder: ["obstructed", "good"], floor: { value: floor, label: `floor ${TOY_OBSTRUCTED_FLOOR}` } },
        ),
      ),
    },
  ];
  if (bc.length > 0) {
    const n = at(bc, 0).fate.pathological;
    figures.push(
      {
        file: "optimizers-pathological-fate.svg",
        caption: `Breast cancer: of the neurons that started pathological (c_k < 0; ${n} per optimiser over all widths, seeds and l₊), the fraction whose output weight changed sign at some step, and the fraction with c_k > 0 after training. The text above each bar is the count. A pathological neuron has |a_k| > ‖w̃_k‖, so its output weight is never 0 while c_k < 0: to change sign it must turn healthy first or jump over 0 in one step.`,
        svg: await renderVegaLite(
          categoryBarsSpec(
            bc.flatMap((b) => [
              {
                category: b.optimizer,
                series: "output weight changed sign",
                value: b.fate.pathological > 0 ? b.fate.signChanges / b.fate.pathological : 0,
                label: signs(b.fate),
              },
              {
                category: b.optimizer,
                series: "c_k > 0 at the end",
                value: b.fate.pathological > 0 ? b.fate.becameHealthy / b.fate.pathological : 0,
                label: healthy(b.fate),
              },
            ]),
            {
              title: "Breast cancer: what became of the pathological neurons",
              subtitle: "fraction of the neurons with c_k < 0 at the start",
              xTitle: "optimiser",
              yTitle: "fraction of pathological neurons",
              seriesTitle: "",
              categoryOrder: labels,
              seriesOrder: ["output weight changed sign", "c_k > 0 at the end"],
              yMax: 1,
            },
          ),
        ),
      },
      {
        file: "optimizers-invariant-change.svg",
        caption: `Breast cancer: how far each optimiser moved c_k of the pathological neurons, as (c_k(T) − c_k(0)) / |c_k(0)| (box: quartiles and median; whiskers: extremes; symmetric-log axis). 0 is the flow (c_k conserved), 1 is c_k = 0, above 1 the neuron is no longer pathological.`,
        svg: await renderVegaLite(
          categoryBoxSpec(
            bc.flatMap((b) => b.fate.relativeChanges.map((value) => ({ category: b.optimizer, value }))),
            {
              title: "Breast cancer: relative change of c_k of pathological neurons",
              subtitle: "(c_k(T) − c_k(0)) / |c_k(0)|",
              xTitle: "optimiser",
              yTitle: "relative change of c_k",
              categoryOrder: labels,
              references: [
                { value: 0, label: "c_k kept (flow)" },
                { value: 1, label: "c_k = 0" },
              ],
            },
          ),
        ),
      },
      {
        file: "optimizers-lplus-effect.svg",
        caption: `Breast cancer: what the first non-pathological neuron is worth under each optimiser, as in section 2: the paired decrease of the test loss from l₊ = 0 to l₊ = 1 and from l₊ = 1 to l₊ = l (mean over widths ${config.widths.join(", ")} and ${config.seeds} seeds ± one standard error; above zero the loss falls).`,
        svg: await renderVegaLite(
          categoryEffectSpec(
            bc.flatMap((b) => [
              { category: b.optimizer, series: "l₊ = 0 → 1", mean: b.effectZeroToOne.mean, se: b.effectZeroToOne.se },
              ...(b.effectOneToAll
                ? [{ category: b.optimizer, series: "l₊ = 1 → l", mean: b.effectOneToAll.mean, se: b.effectOneToAll.se }]
                : []),
            ]),
            {
              title: "Breast cancer: the first non-pathological neuron under each optimiser",
              subtitle: "paired decrease of the test loss",
              xTitle: "optimiser",
              yTitle: "decrease of test loss (BCE)",
              seriesTitle: "step",
              categoryOrder: labels,
              seriesOrder: ["l₊ = 0 → 1", "l₊ = 1 → l"],
            },
          ),
        ),
      },
    );
  }
  const batchText = (b: number): string => `shuffled mini-batches of ${b}`;
  const stuck = toy.filter((t) => Math.abs(t.obstructed.trainLoss - floor) < 1e-3 && t.fate.signChanges === 0).map((t) => t.optimizer);
  const widths =
    config.widths.length > 1 ? `widths ${config.widths.slice(0, -1).join(", ")} and ${config.widths.at(-1)}` : `width ${config.widths[0]}`;
  const paragraphs = [
    `The obstruction is a theorem about gradient flow; networks are trained with discrete steps, mini-batches, momentum, weight decay and Adam, none of which conserves c_k exactly. Each optimiser here trains from the same starts for the same number of epochs, in float64 with the steps of torch.optim (those of the library's gradientDescent, to which the float fast path is held by a test): ${list(config.optimizers.map((o) => describe(o, batchText(config.batchSize))))}. ${momentumStep(config.optimizers)}The mini-batch optimisers see the same seeded shuffle. An escape needs a pathological output weight a_k to change sign, and while c_k = ‖w̃_k‖² − a_k² < 0 the weight a_k is never 0: it must turn c_k positive first, or jump over 0 in one discrete step.`,
    `On the toy obstruction (section 1; ${config.toyEpochs} epochs, mini-batches of ${config.toyBatchSize} of its 4 points), from the obstructed start c = (${at(
      toy,
      0,
    )
      .obstructed.c0.map((c) => shortNumber(c))
      .join(", ")}): ${list(
      toy.map(
        (t) =>
          `${t.optimizer} ends at loss ${shortNumber(t.obstructed.trainLoss)} (the good start: ${shortNumber(t.good.trainLoss)}), ${signs(t.fate)} output weights changed sign, c = (${t.obstructed.cT.map((c) => shortNumber(c)).join(", ")})`,
      ),
    )}. ${
      stuck.length === toy.length
        ? `Every optimiser stays at the floor ${TOY_OBSTRUCTED_FLOOR} from the obstructed start.`
        : stuck.length === 0
          ? "No optimiser stays at the floor from the obstructed start."
          : `${list(stuck)} stay${stuck.length === 1 ? "s" : ""} at the floor ${TOY_OBSTRUCTED_FLOOR}.`
    }${
      toy.some((t) => t.fate.healthyTurnedPathological > 0)
        ? ` From the good start, ${list(
            toy
              .filter((t) => t.fate.healthyTurnedPathological > 0)
              .map(
                (t) =>
                  `${t.optimizer} turned ${count(t.fate.healthyTurnedPathological, t.fate.healthy)} neurons pathological (c_k < 0 at the end)`,
              ),
          )}.`
        : ""
    }`,
  ];
  if (bc.length > 0) {
    const unlocked = bc.filter((b) => b.fate.becameHealthy > 0);
    const locked = bc.filter((b) => b.fate.becameHealthy === 0);
    paragraphs.push(
      `On breast cancer (the split, rescaling and biases of section 2; ${widths}, ${config.seeds} seeds each, l₊ = 0, 1 and l, ${config.epochs} epochs, mini-batches of ${config.batchSize} rows), ${at(bc, 0).fate.pathological} neurons started pathological under each optimiser. Output weights that changed sign at some step: ${list(bc.map((b) => `${b.optimizer} ${signs(b.fate)}`))}. Neurons with c_k > 0 after training: ${list(bc.map((b) => `${b.optimizer} ${healthy(b.fate)}`))}. Median relative change (c_k(T) − c_k(0)) / |c_k(0)| (0 is the flow, 1 is c_k = 0): ${list(bc.map((b) => `${b.optimizer} ${b.fate.medianRelativeChange === null ? "none" : shortNumber(b.fate.medianRelativeChange)}`))}.`,
      `The test-loss effect of l₊ under each optimiser, paired by width and seed as in section 2 (results.json: optimizers.breastCancer[…].effectZeroToOne, the loss at l₊ = 0 minus at l₊ = 1, a positive value a decrease, ± one standard error). From l₊ = 0 to 1: ${decreasesByLabel(
        bc.map((b) => ({ label: b.optimizer, effect: b.effectZeroToOne })),
      )}.${
        bc.every((b) => b.effectOneToAll)
          ? ` From l₊ = 1 to l: ${decreasesByLabel(bc.map((b) => ({ label: b.optimizer, effect: b.effectOneToAll! })))}.`
          : ""
      }`,
      `In theory weight decay on every parameter (the hidden bias included, as here) cannot flip the sign of c_k: with it the flow obeys dc_k/dt = −2λc_k, which shrinks c_k toward 0 without crossing it; what can move c_k past 0 is the discreteness of the steps (their η² term), the momentum buffer's pairing with θ, or Adam's per-coordinate scaling, which obeys no conservation law. In these runs ${
        unlocked.length === 0
          ? "no optimiser turned any pathological neuron's c_k positive"
          : `c_k of a pathological neuron turned positive under ${andList(unlocked.map((b) => `${b.optimizer} (${healthy(b.fate)})`))}${
              locked.length > 0 ? ` and under no other (${andList(locked.map((b) => b.optimizer))}: none)` : ""
            }`
      }.`,
    );
  }
  return {
    id: "optimizers",
    title: "4. Do real optimisers escape the obstruction?",
    paragraphs,
    figures,
    tables: [
      {
        file: "optimizers.csv",
        caption: "Each optimiser on the toy obstruction and on breast cancer",
        table: summary.table,
        headings: columnHeadings(summary.table.columns),
      },
    ],
  };
}
