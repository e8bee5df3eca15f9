import { ConvergenceError, InputError } from "../errors.js";
import { firstNonFiniteEntry, firstNonFiniteIndex, firstNonFiniteParameter, isFiniteIn } from "./_internals/firstNonFinite.js";
import type { Dataset } from "../net/readDataset.js";
import type { GradientKernel } from "../net/gradientKernel.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import type { LossKind } from "../net/loss.js";
import { layoutOf } from "../net/layoutOf.js";
import type { ParamLayout } from "../net/paramLayout.js";
import { packNetwork } from "../net/packNetwork.js";
import { unpackLayers } from "../net/unpackLayers.js";
import type { Scalar } from "../scalar/scalar.js";
import { batchNormStepLaws, predictedKernelDrift } from "./_internals/batchNormBookkeeping.js";
import { genericKernel } from "./_internals/genericKernel.js";
import { stepBookkeeping } from "./_internals/stepBookkeeping.js";
import { adamStepper } from "./adamStepper.js";
import { miniBatchRows, type MiniBatchOptions } from "./miniBatchRows.js";
import { optimizerSpec, type OptimizerOptions, type OptimizerSpec, type OptimizerStepper } from "./optimizerSpec.js";
import { sgdStepper } from "./sgdStepper.js";
import { at } from "../scalar/at.js";

/** Options of {@link gradientDescent}. */
export interface GradientDescentOptions<T> extends MiniBatchOptions {
  /** The step η > 0. */
  lr: T;
  /** The number of optimiser steps N ≥ 0. */
  steps: number;
  loss: LossKind;
  /** The optimiser and its hyper-parameters (default: plain SGD, i.e. θ ← θ − η∇L). */
  optimizer?: OptimizerOptions<T>;
  /** Called after each step with θ_{t+1}, flat in `ParamLayout` order (for progress bars and trackers; read-only). */
  onStep?: (step: number, theta: readonly T[]) => void;
  /**
   * The kernel of the loss and gradient, built once for the run's layout, loss and data
   * (e.g. `floatKernel`, the float fast path); default: the generic back-propagation of
   * `lossAndGradient` in `S`. For a network with batch normalisation under SGD without momentum it must
   * return the batch's variances with the gradient (the generic one does): the step predicts the kernel's
   * drift from that one gradient.
   */
  kernel?: (layout: ParamLayout, loss: LossKind, data: Dataset<T>) => GradientKernel<T>;
  /**
   * Record L(θ_t) on all the data only at the steps t that are multiples of this, and at
   * t = N (default 1: every step). With mini-batches each recorded loss is a pass over all
   * the data, so a long run that plots its loss every epoch takes the epoch's step count.
   */
  lossEvery?: number;
}

/**
 * A gradient-descent run: the final parameters and,
 * per step, what was conserved and what was not. Every row of invariants and drifts lists
 * the hidden neurons of layer 1, then of layer 2, and so on (the order of `neuronInvariants`).
 */
export interface GradientDescentRun<T> {
  params: LayeredNetwork<T>;
  /** The optimiser with every hyper-parameter filled in. */
  optimizer: OptimizerSpec<T>;
  /** The data rows of each step's mini-batch (all rows, in order, for full batches). */
  batches: number[][];
  /** L(θ_t) on all the data for t = 0, k, 2k, … below N and t = N, k = `lossEvery` (every step by default). */
  losses: T[];
  /** c(θ_t) for t = 0 … N, one row per step. */
  invariants: T[][];
  /** c(θ_{t+1}) − c(θ_t) for t = 0 … N−1. */
  observedDrift: T[][];
  /**
   * The drift the optimiser's identity predicts at θ_t for t = 0 … N−1 (see
   * `predictedGdDrift`): η²(‖g_w̃‖² − ‖g_a‖²) for plain SGD, plus −2ηκc for weight
   * decay and the momentum buffer's pairing; equal to the observed drift in exact arithmetic.
   */
  predictedDrift: T[][];
  /**
   * For a network with batch normalisation, the two laws `invariants` does not hold, per batch-normalised
   * channel (layer 1 first, as `batchNormLaws`): ‖K_j‖² of the kernel feeding it and the bias b_j before it
   * (0 where the layer has none), at t = 0 … N; the observed change of ‖K_j‖² per step and, for SGD
   * without momentum, its prediction (`predictedBatchNormDrift`, ε-corrected; η²‖g_j‖² at ε = 0 without decay).
   * The c of `invariants` is γ_j² + β_j² − ‖readers of j‖² for such a channel.
   */
  batchNorm?: {
    kernel: T[][];
    bias: T[][];
    observedKernelDrift: T[][];
    predictedKernelDrift?: T[][];
  };
}

/**
 * Gradient descent θ ← θ − η·u in arithmetic `S` on a network of any depth, with u
 * from the optimiser (`torch.optim.SGD` with momentum, dampening, Nesterov and weight
 * decay; Adam; AdamW) and the gradient of the mean loss on each mini-batch, recording
 * the loss and the invariant c_{l,k} of every hidden neuron of every layer at every step,
 * with its observed and predicted drift. The parameters step as one flat vector in
 * `ParamLayout` order.
 *
 * In float or decimal arithmetic every value is checked as it is made: a run
 * that overflows stops at the step and value where it did, instead of
 * printing NaN or Infinity.
 *
 * @param net - θ_0, a network of two or more weight layers
 * @param data - the training rows (mini-batches are cut from them, see `miniBatchRows`)
 * @param S - the arithmetic; Adam and AdamW need decimal or float
 * @param options - step, step count, loss, optimiser, batch size and shuffle seed
 * @returns the trajectory's losses, invariants and their observed and predicted drifts
 * @throws InputError when η ≤ 0 or is not finite in `S`, a parameter or data value is not finite in `S` (a float cannot hold 1e400), a data row's input or target width is not the network's input or output width, the step count is not a non-negative integer, the network has fewer than two weight layers, or a hyper-parameter is invalid
 * @throws ConvergenceError when a value overflows the range of `S` during the run (method `gd`; remedy: decimal arithmetic or a smaller `lr`)
 * @example const layers = [[["1"]], [["2"]], [["1"]]].map((W) => ({ W: W.map((r) => r.map(exact.parse)) }));
 * const run = gradientDescent({ activation: { kind: "relu" }, layers }, datasetIn(readDataset("x,y\n1,1\n", 1, 1), exact), exact, { lr: exact.parse("1/10"), steps: 2, loss: "mse", optimizer: { momentum: exact.parse("1/2") } });
 * run.invariants[2].length + run.observedDrift.filter((row, t) => row.every((v, k) => exact.eq(v, run.predictedDrift[t][k]))).length
 * // returns 4
 */
export function gradientDescent<T>(
  net: LayeredNetwork<T>,
  data: Dataset<T>,
  S: Scalar<T>,
  options: GradientDescentOptions<T>,
): GradientDescentRun<T> {
  const { lr, steps } = options;
  if (S.sign(lr) <= 0) throw new InputError({ field: "lr", expected: "positive", value: S.toString(lr) });
  if (!Number.isSafeInteger(steps) || steps < 0)
    throw new InputError({ field: "steps", expected: "a non-negative integer", value: String(steps) });
  if (!isFiniteIn(S, lr)) throw new InputError({ field: "lr", expected: `a number ${S.name} can hold`, value: S.toString(lr) });
  if (net.layers.length < 2)
    throw new InputError({
      field: "net",
      expected: "a network of two or more weight layers",
      value: `${net.layers.length} weight layers`,
    });
  const L = layoutOf(net);
  let theta: T[] = packNetwork(net);
  const badParam = firstNonFiniteParameter(L, theta, S);
  if (badParam !== undefined)
    throw new InputError({
      field: "net",
      expected: `a network whose parameters ${S.name} can hold`,
      value: badParam,
      note: "Its value overflows: choose another arithmetic.",
    });
  // a network that starts with a convolution reads its input tensor flattened channel-major
  const inputs = net.input === undefined ? at(L.widths, 0) : net.input.size.reduce((n, s) => n * s, net.input.channels);
  const outputs = at(L.widths, L.depth);
  if (data.Y.length !== data.X.length)
    throw new InputError({
      field: "data",
      expected: `one target row per input row (${data.X.length})`,
      value: `${data.Y.length} target rows`,
    });
  // a row of the wrong width would otherwise fail deep inside the kernel
  const count = (k: number, noun: string): string => `${k} ${noun}${k === 1 ? "" : "s"}`;
  const wideX = data.X.findIndex((x) => x.length !== inputs);
  const wideY = data.Y.findIndex((y) => y.length !== outputs);
  if (wideY >= 0)
    throw new InputError({
      field: "data",
      expected: `rows of ${count(outputs, "target")}, the network's output width`,
      value: `row ${wideY} has ${at(data.Y, wideY).length}`,
    });
  if (wideX >= 0)
    throw new InputError({
      field: "data",
      expected: `rows of ${count(inputs, "input")}, the network's input width`,
      value: `row ${wideX} has ${at(data.X, wideX).length}`,
    });
  const badData = firstNonFiniteEntry("X", data.X, S) ?? firstNonFiniteEntry("Y", data.Y, S);
  if (badData !== undefined)
    throw new InputError({
      field: "data",
      expected: `data whose values ${S.name} can hold`,
      value: badData,
      note: "Its value overflows: choose another arithmetic.",
    });
  const overflow = (step: number, where: string): ConvergenceError =>
    new ConvergenceError("gd", `step ${step} (${where})`, `a value left the range of ${S.name} arithmetic`, {
      field: "lr",
      change: S.kind === "float" ? "use the arithmetic decimal:D, or lower" : "lower",
    });
  const checkRow = (step: number, name: string, row: readonly T[]): void => {
    const k = firstNonFiniteIndex(S, row);
    if (k >= 0) throw overflow(step, `${name}_${k}`);
  };
  const checked = S.kind !== "exact";
  const optimizer = optimizerSpec(S, options.optimizer);
  // Without bias decay (PyTorch parameter groups), the decay skips every bias slot.
  const decayed = optimizer.biasDecay ? undefined : biasFreeMask(L);
  const step: OptimizerStepper<T> =
    optimizer.name === "sgd" ? sgdStepper(optimizer, lr, S, decayed) : adamStepper(optimizer, lr, S, decayed);
  const n = data.X.length;
  miniBatchRows(n, 0, options);
  const fullBatch = (options.batchSize ?? n) >= n && options.shuffleSeed === undefined;
  // The rows of step t as miniBatchRows(n, t, options) gives them, the epoch's order drawn once per epoch.
  const size = Math.min(options.batchSize ?? n, n);
  const perEpoch = Math.ceil(n / Math.max(size, 1));
  const epochOptions = { batchSize: Math.max(n, 1), ...(options.shuffleSeed === undefined ? {} : { shuffleSeed: options.shuffleSeed }) };
  let order: number[] = [];
  let orderEpoch = -1;
  const batchRows = (t: number): number[] => {
    // Without a seed every epoch takes the rows in file order: one order for the run.
    const epoch = options.shuffleSeed === undefined ? 0 : Math.floor(t / perEpoch);
    if (epoch !== orderEpoch) {
      order = miniBatchRows(n, epoch, epochOptions);
      orderEpoch = epoch;
    }
    return perEpoch === 1 ? order : order.slice((t % perEpoch) * size, Math.min(((t % perEpoch) + 1) * size, n));
  };
  const kernel = options.kernel?.(L, options.loss, data) ?? genericKernel(L, options.loss, data, S);
  const lossEvery = options.lossEvery ?? 1;
  if (!Number.isSafeInteger(lossEvery) || lossEvery < 1)
    throw new InputError({ field: "lossEvery", expected: "a positive integer", value: String(lossEvery) });
  const record = stepBookkeeping(L, lr, S);
  const normalised = net.layers.some((l) => l.norm !== undefined);
  // the prediction of ‖K_j‖²'s drift covers θ − η(∇L + λθ): SGD without momentum
  const predictsKernel = optimizer.name === "sgd" && S.sign(optimizer.momentum) === 0;
  let laws = normalised ? batchNormStepLaws(net, S) : undefined;
  const normRun =
    laws === undefined
      ? undefined
      : {
          kernel: [laws.kernel],
          bias: [laws.bias],
          observedKernelDrift: [] as T[][],
          ...(predictsKernel ? { predictedKernelDrift: [] as T[][] } : {}),
        };
  let c = record.invariants(theta);
  if (checked) checkRow(0, "invariant c", c);
  const run: GradientDescentRun<T> = {
    params: net,
    optimizer,
    batches: [],
    losses: [],
    invariants: [c],
    observedDrift: [],
    predictedDrift: [],
    ...(normRun === undefined ? {} : { batchNorm: normRun }),
  };
  /** Step t's c, its observed drift since the step before and the predicted one: checked finite (float runs), recorded, and c moved on. */
  const recordInvariants = (t: number, next: T[], predicted: T[]): void => {
    const observed = next.map((v, k) => S.sub(v, at(c, k)));
    if (checked) {
      checkRow(t, "invariant c", next);
      checkRow(t, "observed drift of c", observed);
      checkRow(t, "predicted drift of c", predicted);
    }
    run.observedDrift.push(observed);
    run.predictedDrift.push(predicted);
    run.invariants.push(next);
    c = next;
  };
  // Plain gradient descent on full batches, where the kernel can hold the run (the float kernel): θ stays in
  // its memory between steps, which yield the loss and c, the values the steps below compute.
  const plain = S.kind === "float" && fullBatch && normRun === undefined && optimizer.name === "sgd";
  const held = plain && S.sign(optimizer.momentum) === 0 && S.sign(optimizer.weightDecay) === 0 ? kernel.descent?.(theta, lr) : undefined;
  for (let t = 0; t < steps; t++) {
    const rows = batchRows(t);
    if (held !== undefined) {
      const { loss: value, finite } = held.step();
      if (!isFiniteIn(S, value)) throw overflow(t, "the loss");
      run.batches.push(rows);
      if (t % lossEvery === 0) run.losses.push(value);
      if (!finite) throw overflow(t + 1, firstNonFiniteParameter(L, held.theta(), S) ?? "θ");
      recordInvariants(t + 1, listOf(held.invariants), listOf(held.predicted));
      if (options.onStep !== undefined) options.onStep(t + 1, held.theta());
      continue;
    }
    const { loss: value, grad, variances } = kernel.lossAndGradient(theta, fullBatch ? undefined : rows);
    if (checked && !isFiniteIn(S, value)) throw overflow(t, "the loss");
    const recorded = t % lossEvery === 0;
    const lossAll = fullBatch || !recorded ? value : kernel.loss(theta);
    if (checked && !isFiniteIn(S, lossAll)) throw overflow(t, "the loss");
    run.batches.push(rows);
    if (recorded) run.losses.push(lossAll);
    const before = normRun === undefined ? undefined : unpackLayers(theta, L);
    const { next: stepped, update, terms } = step(theta, grad);
    if (before !== undefined && normRun?.predictedKernelDrift !== undefined && optimizer.name === "sgd") {
      // the step's own gradient: ∂L/∂γ is in it, the batch's variances come with it
      const gradient = { loss: value, grad: unpackLayers(grad, L), variances };
      normRun.predictedKernelDrift.push(predictedKernelDrift(before, gradient, lr, S, optimizer.weightDecay));
    }
    theta = stepped;
    if (normRun !== undefined && laws !== undefined) {
      const nextLaws = batchNormStepLaws(unpackLayers(theta, L), S);
      const prev = laws;
      normRun.observedKernelDrift.push(nextLaws.kernel.map((v, k) => S.sub(v, at(prev.kernel, k))));
      normRun.kernel.push(nextLaws.kernel);
      normRun.bias.push(nextLaws.bias);
      laws = nextLaws;
    }
    if (checked) {
      const where = firstNonFiniteParameter(L, theta, S);
      if (where !== undefined) throw overflow(t + 1, where);
    }
    recordInvariants(t + 1, record.invariants(theta), record.predicted(update, terms));
    options.onStep?.(t + 1, theta);
  }
  if (held !== undefined) theta = held.theta();
  const last = kernel.loss(theta);
  if (checked && !isFiniteIn(S, last)) throw overflow(steps, "the loss");
  run.losses.push(last);
  run.params = unpackLayers(theta, L);
  kernel.release?.();
  return run;
}

/** The entries of an array-like (a view of a kernel's memory) as a new array: a plain loop, as a float run copies two a step. */
function listOf<T>(v: ArrayLike<T>): T[] {
  const out = new Array<T>(v.length);
  for (let k = 0; k < v.length; k++) out[k] = v[k]!;
  return out;
}

/** True at every weight slot of the layout, false at every bias slot. */
function biasFreeMask(L: ParamLayout): boolean[] {
  const mask = new Array<boolean>(L.size).fill(true);
  for (let l = 0; l < L.depth; l++) if (L.bias[l]) for (let j = 0; j < at(L.widths, l + 1); j++) mask[at(L.biasOffset, l) + j] = false;
  return mask;
}
