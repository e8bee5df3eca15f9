/**
 * The sentences of the report that state a finding, each computed from the
 * results it describes: a finding is stated only when the numbers show it,
 * and the text says plainly when the data at this scale do not. A difference
 * counts as shown when it exceeds two standard errors (about a 95 % two-sided
 * interval for a mean of many runs); anything smaller is reported as "within
 * two standard errors", with its numbers.
 * @internal
 */
import type { BreastCancerSummary, MeanSe } from "../../experiments/breastCancerSummary.js";
import type { ConvDigitsBatchNormSummary, ConvDigitsSummary } from "../../experiments/convDigitsSummary.js";
import { shortNumber } from "../shortNumber.js";

/** How many standard errors a mean must be away from 0 to count as a shown difference. */
const SHOWN_AT = 2;

/** The sign a mean shows: 1 or −1 when it lies more than two standard errors from 0, else 0. @internal */
export function shownSign(effect: MeanSe): -1 | 0 | 1 {
  if (!(effect.se >= 0) || Math.abs(effect.mean) <= SHOWN_AT * effect.se) return 0;
  return effect.mean > 0 ? 1 : -1;
}

/** "a, b and c": items joined for running text. @internal */
export function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * A paired decrease of the test loss (before minus after) as text, with its
 * standard error and whether this scale shows it: "lowers the mean test loss
 * by 0.03 (± 0.01 standard error)" or "… by 0.004 (± 0.01 standard error;
 * within two standard errors of 0, so the data at this scale do not show a
 * change)".
 *
 * @param effect - the mean decrease and its standard error
 * @returns the phrase, starting with the verb
 * @internal
 */
export function lossDecreasePhrase(effect: MeanSe): string {
  const verb = effect.mean >= 0 ? "lowers" : "raises";
  const noise = shownSign(effect) === 0 ? "; within two standard errors of 0, so the data at this scale do not show a change" : "";
  return `${verb} the mean test loss by ${shortNumber(Math.abs(effect.mean))} (± ${shortNumber(effect.se)} standard error${noise})`;
}

/**
 * Paired decreases of the test loss side by side, one per label ("GD 0.029 ±
 * 0.022, Adam 0.0043 ± 0.0014"), then which of them this scale shows (more
 * than two standard errors from 0) and which it does not.
 *
 * @param items - a label and its mean decrease with standard error, in order
 * @returns the list and the verdict, as one clause
 * @internal
 */
export function decreasesByLabel(items: readonly { label: string; effect: MeanSe }[]): string {
  const values = andList(items.map((i) => `${i.label} ${shortNumber(i.effect.mean)} ± ${shortNumber(i.effect.se)}`));
  const shown = items.filter((i) => shownSign(i.effect) !== 0).map((i) => i.label);
  const unshown = items.filter((i) => shownSign(i.effect) === 0).map((i) => i.label);
  const verdict =
    unshown.length === 0
      ? "every one more than two standard errors from 0"
      : shown.length === 0
        ? "none more than two standard errors from 0, so the data at this scale do not show a change under any"
        : `more than two standard errors from 0 under ${andList(shown)}; within two standard errors, so not shown at this scale, under ${andList(unshown)}`;
  return `${values} (${verdict})`;
}

/** What the breast-cancer sweep shows about l₊: the two steps per width, and the paper's reading tested on them. */
export interface LPlusFinding {
  /** Per width, what the loss does from l₊ = 0 to 1 and from l₊ = 1 to l, with the numbers. */
  steps: string;
  /** Whether the data show the paper's reading (the number l₊, not the fraction l₊/l, governs the loss), and for which widths. */
  verdict: string;
}

/**
 * Tests the paper's reading of the breast-cancer sweep on the data: if the
 * number l₊ of non-pathological neurons governs the test loss and the
 * fraction l₊/l does not, the first such neuron lowers the loss and more of
 * them change it little, so for a width l ≥ 2 the paired decrease from
 * l₊ = 0 to 1 is shown (more than two standard errors) and the one from
 * l₊ = 1 to l is not. Were the fraction what matters, the loss would keep
 * falling from l₊ = 1 to l.
 *
 * @param summary - the breast-cancer summary (mean losses per (l, l₊) and paired effects per width)
 * @returns the per-width steps and the verdict, as sentences with their numbers
 * @internal
 */
export function lPlusFinding(summary: Pick<BreastCancerSummary, "groups" | "effectsByWidth">): LPlusFinding {
  const loss = (l: number, lPlus: number): string => {
    const g = summary.groups.find((r) => r.l === l && r.lPlus === lPlus);
    return g ? shortNumber(g.loss.mean) : "not run";
  };
  const move = (l: number, from: number, to: number): string => `l = ${l}: ${loss(l, from)} → ${loss(l, to)}`;
  const firstBy: Record<-1 | 0 | 1, string[]> = { 1: [], 0: [], [-1]: [] };
  const restBy: Record<-1 | 0 | 1, string[]> = { 1: [], 0: [], [-1]: [] };
  const holds: number[] = [];
  const fails: number[] = [];
  for (const e of summary.effectsByWidth) {
    const first = shownSign(e.zeroToOne);
    firstBy[first].push(move(e.l, 0, 1));
    if (!e.oneToAll) continue;
    const rest = shownSign(e.oneToAll);
    restBy[rest].push(move(e.l, 1, e.l));
    (first === 1 && rest === 0 ? holds : fails).push(e.l);
  }
  const clause = (by: Record<-1 | 0 | 1, string[]>, fall: string, rise: string): string[] => [
    ...(by[1].length > 0 ? [`${fall} by more than two standard errors of the paired difference for ${andList(by[1])}`] : []),
    ...(by[-1].length > 0 ? [`${rise} by more than two standard errors for ${andList(by[-1])}`] : []),
    ...(by[0].length > 0 ? [`changes by less than two standard errors (no change shown) for ${andList(by[0])}`] : []),
  ];
  const first = clause(firstBy, "falls", "rises");
  const rest = clause(restBy, "keeps falling", "rises again");
  const steps =
    `From l₊ = 0 to l₊ = 1 the mean test loss ${first.join("; it ")}.` +
    (rest.length > 0 ? ` From l₊ = 1 to l₊ = l it ${rest.join("; it ")}.` : "");
  const reading =
    "The paper's reading is that the number l₊ of non-pathological neurons, not their fraction l₊/l, governs the loss: then the first such neuron lowers the loss clearly and more of them change it little";
  const widths = (ls: readonly number[]): string => andList(ls.map(String));
  let verdict: string;
  if (holds.length + fails.length === 0) verdict = `${reading}; it needs widths l ≥ 2, and this run has none, so it is not tested here.`;
  else if (fails.length === 0)
    verdict = `${reading}, and the data at this scale show exactly that for every width l ≥ 2 (l = ${widths(holds)}).`;
  else if (holds.length === 0) verdict = `${reading}; the data at this scale do not show it for any width l ≥ 2 (l = ${widths(fails)}).`;
  else
    verdict = `${reading}; the data at this scale show it for l = ${widths(holds)} but not for l = ${widths(fails)}, so at this scale they do not establish it.`;
  return { steps, verdict };
}

/** Whether a final loss sits at a floor (within 10⁻³): the run stalled there. @internal */
export function atFloor(loss: number, floor: number): boolean {
  return Math.abs(loss - floor) < 1e-3;
}

/**
 * Whether a predicted probability lies inside an observed interval, as a
 * clause: "inside the observed interval" or "outside the observed interval
 * (above it)".
 *
 * @param predicted - the prediction
 * @param interval - the observed interval's ends
 * @returns the clause
 * @internal
 */
export function insideInterval(predicted: number, interval: readonly [number, number]): string {
  if (predicted < interval[0]) return "below the observed interval: the data at this scale do not agree with the prediction";
  if (predicted > interval[1]) return "above the observed interval: the data at this scale do not agree with the prediction";
  return "inside the observed interval: the data at this scale agree with the prediction";
}

/** Rounding a float run's summed residual may carry: a few ulps of c per step (observed and predicted each round). */
const ROUNDING_PER_STEP = 16 * Number.EPSILON;

/**
 * What the convolutional experiment shows about the per-channel drift identity
 * c(θ′) − c(θ) = η²(‖g_in‖² − ‖g_out‖²) of plain gradient descent: in exact
 * arithmetic, whether every channel's observed drift equalled its prediction at
 * every step (and which channels did not); in float64, whether the residual stays
 * within rounding (16 ulps of c per step) and how far gradient descent moved c.
 *
 * @param s - the experiment's summary
 * @returns two sentences, exact run first
 * @internal
 */
export function driftIdentityFinding(
  s: Pick<ConvDigitsSummary, "exact" | "float" | "exactMismatches" | "floatMaxRelResidual" | "floatMaxDrift">,
): [string, string] {
  const { exact, float } = s;
  const moved = Math.max(0, ...exact.channels.map((c) => Math.abs(c.observed)));
  const steps = (n: number): string => `${n} step${n === 1 ? "" : "s"}`;
  const exactText =
    s.exactMismatches.length === 0
      ? `In exact rational arithmetic (${steps(exact.steps)} on ${exact.images} images) the observed drift of c equalled its prediction in every one of the ${exact.channels.length} channels at every step: the residual is exactly 0, while c itself moved by up to ${shortNumber(moved)} (gradient descent does not conserve c; its drift is exactly the predicted one).`
      : `In exact rational arithmetic (${steps(exact.steps)} on ${exact.images} images) the observed drift of c differed from its prediction in channel${s.exactMismatches.length === 1 ? "" : "s"} ${andList(s.exactMismatches.map(String))}: the identity fails there, so the gradient or the step is wrong.`;
  const tolerance = ROUNDING_PER_STEP * Math.max(1, float.steps);
  const within =
    s.floatMaxRelResidual <= tolerance
      ? `within float64 rounding (${shortNumber(tolerance)} for ${steps(float.steps)})`
      : `more than float64 rounding explains (${shortNumber(tolerance)} for ${steps(float.steps)}), so the float run does not follow the identity`;
  const floatText = `In float64 (${steps(float.steps)} on ${float.images} images) the largest residual of a channel, relative to the size of its c, was ${shortNumber(s.floatMaxRelResidual)}, ${within}; gradient descent moved c by up to ${shortNumber(s.floatMaxDrift)} (c of the channels started between ${shortNumber(Math.min(...float.channels.map((c) => c.c0)))} and ${shortNumber(Math.max(...float.channels.map((c) => c.c0)))}), and the training loss went from ${shortNumber(float.loss0)} to ${shortNumber(float.lossT)}.`;
  return [exactText, floatText];
}

/** A range of per-channel values, "a" when they agree to the digits shown, else "a to b". */
function spread(xs: readonly number[]): string {
  const lo = shortNumber(Math.min(...xs));
  const hi = shortNumber(Math.max(...xs));
  return lo === hi ? lo : `${lo} to ${hi}`;
}

/** How far a ratio may be from 1 and still count as "at the balance" or "stopped moving". */
const NEAR_BALANCE = 2;
const STILL = 0.1;

/**
 * What the batch-normalised runs show about ‖K_j‖² under mini-batch SGD: whether it grew in every channel
 * without weight decay (and by how much), whether every step's change matched `predictedBatchNormDrift`
 * to float64 rounding, and whether with weight decay it settled near the balance of growth and decay
 * (docs/convolutions.md §4), or what the run shows instead.
 *
 * @param b - the batch-normalised runs' summary
 * @returns two sentences: the run without decay, then the run with it
 * @internal
 */
export function batchNormFinding(b: ConvDigitsBatchNormSummary): [string, string] {
  const channels = (js: readonly number[]): string => `channel${js.length === 1 ? "" : "s"} ${andList(js.map((j) => String(j + 1)))}`;
  const shrank = b.growth.flatMap((g, j) => (g > 1 ? [] : [j]));
  const grew =
    shrank.length === 0
      ? `‖K_j‖² grew in every one of the ${b.growth.length} channels, by a factor of ${spread(b.growth)}`
      : `‖K_j‖² did not grow in ${channels(shrank)} (factor ${spread(shrank.map((j) => b.growth[j] ?? 0))}), though η²‖g_j‖² ≥ 0 a step pushes it up: the ε-correction outweighed it there`;
  const identity =
    b.relResidual <= ROUNDING_PER_STEP
      ? `every step's observed change of ‖K_j‖² equalled the ε-corrected prediction of predictedBatchNormDrift to ${shortNumber(b.maxResidual)} (${shortNumber(b.relResidual)} of the largest ‖K_j‖²), float64 rounding`
      : `a step's observed change of ‖K_j‖² differed from the ε-corrected prediction of predictedBatchNormDrift by up to ${shortNumber(b.maxResidual)} (${shortNumber(b.relResidual)} of the largest ‖K_j‖²), more than float64 rounding explains, so the prediction or the step is wrong`;
  const plain = `Without weight decay (${b.steps} SGD steps of η = ${b.lr} on mini-batches of ${b.batchSize} of ${b.images} images), ${grew}; ${identity}.`;
  const near = b.endToBalance.every((r) => r <= NEAR_BALANCE && r >= 1 / NEAR_BALANCE);
  const still = b.lastQuarter.every((r) => Math.abs(r - 1) <= STILL);
  const falling = b.lastQuarter.every((r) => r < 1 - STILL);
  const where = `With weight decay λ = ${b.weightDecay} from the same draw, ‖K_j‖² ended at ${spread(b.decayedFactor)} times its start and ${spread(b.endToBalance)} times the balance level √(ηḠ²/(λ(2 − ηλ))) (Ḡ² the mean of ‖K_j‖²‖g_j‖² over the second half of the run; dashed in the figure), changing by a factor of ${spread(b.lastQuarter)} over the last quarter of the run`;
  const verdict =
    near && still
      ? "it settled near the balance, as the balance of growth and decay predicts"
      : falling && b.endToBalance.every((r) => r > 1)
        ? "it was still falling towards the balance from above: at this scale the run is too short to reach it, so the data show the decay towards the balance but not the equilibrium itself"
        : "the data at this scale do not show it settling at the balance";
  return [plain, `${where}: ${verdict}.`];
}
