import type { ConvDigitsSummary } from "../../experiments/convDigitsSummary.js";
import type { ConvDigitsConfig } from "../../experiments/reproduceConfig.js";
import { driftCurvesSpec } from "../driftCurvesSpec.js";
import type { ReportSection } from "../reportDocument.js";
import { renderVegaLite } from "../renderVegaLite.js";
import { columnHeadings } from "./columnHeadings.js";
import { batchNormFinding, driftIdentityFinding } from "./findings.js";
import { kernelNormSpec } from "./kernelNormSpec.js";

/**
 * Section 6: the convolutional experiment, rendered from its summary.
 *
 * @internal
 */
export async function convDigitsSection(config: ConvDigitsConfig, summary: ConvDigitsSummary): Promise<ReportSection> {
  const s = summary;
  const C = config.channels;
  const k = config.classes.length;
  const [exactText, floatText] = driftIdentityFinding(s);
  const paragraphs = [
    `A small convolutional network on the 8 × 8 handwritten digits ${config.classes.join(", ")} (pixels / 16): Conv2d(1, ${C}, 3, padding 1) → ReLU → MaxPool2d(2) → flatten → Linear(${16 * C}, ${k}), drawn with PyTorch's default initialisation and trained by full-batch gradient descent (η = ${config.lr}) on MSE against one-hot targets, once in exact rationals and once in float64 from the same draw. A unit of a convolution is a channel: rescaling channel j's kernel and bias by λ > 0 and the 16 columns of the linear layer that read it (after flatten) by 1/λ leaves the network unchanged, so gradient flow conserves c_j = ‖K_j‖² + b_j² − ‖readers of j‖². A step of gradient descent moves it by exactly η²(‖g_in‖² − ‖g_out‖²), the squared gradients of the same slots.`,
    exactText,
    floatText,
  ];
  const curves = s.float.channels.map((_, j) => ({
    label: `channel ${j + 1}`,
    points: s.float.curve.map((p) => ({ t: p.t, observed: p.observed[j] ?? 0, predicted: p.predicted[j] ?? 0 })),
  }));
  const fig = driftCurvesSpec(`Drift of c per channel under gradient descent (float64, ${s.float.images} images)`, curves, {
    x: "gradient-descent step t",
    series: "channel",
  });
  const bn = s.float.batchNorm;
  const bnSummary = s.batchNorm;
  const bnFigures = [];
  if (bn !== undefined && bnSummary !== undefined) {
    const Cb = bn.balance.length;
    paragraphs.push(
      `The same network with a BatchNorm2d(${Cb}) after a convolution without bias, on ${bn.images} images of the digits ${config.batchNorm.classes.join(", ")} (ε = 1e-5, training mode). The kernel K_j feeding BatchNorm channel j is scale invariant up to ε, so gradient flow keeps ‖K_j‖² (nearly) fixed while each SGD step adds η²‖g_j‖², plus the ε-correction that predictedBatchNormDrift computes; weight decay shrinks it by (1 − ηλ)² a step, and the two balance at ‖K_j‖⁴ = ηG²/(λ(2 − ηλ)), G = ‖K_j‖·‖g_j‖ (docs/convolutions.md §4). Both runs use float64 and mini-batch SGD from one draw.`,
      ...batchNormFinding(bnSummary),
    );
    const curves = bn.balance.map((balance, j) => ({
      label: `channel ${j + 1}`,
      plain: bn.plain.kernel.map((row) => row[j] ?? 0),
      decayed: bn.decayed.kernel.map((row) => row[j] ?? 0),
      balance,
    }));
    const fig = kernelNormSpec(
      `‖K_j‖² of each BatchNorm channel under SGD (float64, ${bn.images} images)`,
      curves,
      Math.max(1, Math.ceil(bn.steps / 100)),
    );
    bnFigures.push({
      file: "conv-digits-batchnorm.svg",
      caption: `‖K_j‖² of the kernel feeding each of the ${Cb} BatchNorm channels over ${bn.steps} SGD steps (η = ${bn.lr}, batches of ${bn.batchSize}): without weight decay (solid), with weight decay λ = ${bn.decayed.weightDecay} (dotted), and the balance level √(ηḠ²/(λ(2 − ηλ))) of each channel (dashed).`,
      svg: await renderVegaLite(fig),
    });
  }
  return {
    id: "conv-digits",
    title: "6. Convolutions: the law of each channel",
    paragraphs,
    figures: [
      {
        file: "conv-digits-drift.svg",
        caption: `The drift c_j(θ_t) − c_j(θ_0) of each of the ${C} channels over ${s.float.steps} float64 steps (lines) and the predicted η²(‖g_in‖² − ‖g_out‖²) summed over the same steps (circles).`,
        svg: await renderVegaLite(fig),
      },
      ...bnFigures,
    ],
    tables: [
      {
        file: "conv-digits.csv",
        caption: `Per channel: c at the start and after the last step, its observed drift, the predicted drift, their difference (exact: in rationals) and that difference relative to max_t |c_j(θ_t)|`,
        table: s.table,
        headings: columnHeadings(s.table.columns),
      },
    ],
  };
}
