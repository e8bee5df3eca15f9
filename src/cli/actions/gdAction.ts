import { InputError } from "../../errors.js";
import { at } from "../../scalar/at.js";
import { type GradientDescentOptions, type GradientDescentRun, gradientDescent } from "../../flow/gradientDescent.js";
import { gradientDescentWork } from "../../flow/gradientDescentWork.js";
import type { OptimizerOptions, OptimizerSpec } from "../../flow/optimizerSpec.js";
import { stepBudget } from "../../work/stepBudget.js";
import { enforceWorkCap } from "../enforceWorkCap.js";
import { readTextFile } from "../../io/readTextFile.js";
import { datasetIn } from "../../net/datasetIn.js";
import { readDataset } from "../../net/readDataset.js";
import { parseLossKind } from "../../net/parseLossKind.js";
import { networkIn } from "../../net/networkIn.js";
import { networkToJson } from "../../net/networkToJson.js";
import { arithmetic } from "../../scalar/arithmetic.js";
import type { Scalar } from "../../scalar/scalar.js";
import { intOption, printJson } from "../options.js";
import { progressBar } from "../progress.js";
import { dynamicsNetwork } from "../_internals/dynamicsNetwork.js";
import { interruptible } from "../_internals/interruptible.js";

/** The options of `relutopo gd`, as commander parsed them. */
export interface GdCliOptions {
  net?: string;
  arch?: string;
  initSeed?: string;
  data: string;
  lr: string;
  steps: string;
  arith: string;
  loss: string;
  optimizer: string;
  momentum?: string;
  dampening?: string;
  nesterov?: boolean;
  weightDecay?: string;
  /** false with --no-bias-decay. */
  biasDecay?: boolean;
  beta1?: string;
  beta2?: string;
  eps?: string;
  batchSize?: string;
  shuffle?: boolean;
  seed?: string;
  json?: boolean;
  maxSeconds?: string;
}

/**
 * `relutopo gd`: parses the options, runs gradient descent with any optimiser on a network of
 * any depth, prints. A two-layer network prints `params` as W1, b1, W2, b2 and its invariants
 * as c1, c2, …; a deeper one `params` as `{ layers: [{ W, b? }, …] }` and the flat list
 * c_{1,·}, c_{2,·}, … of `relutopo invariants`, printed `c_l,k` as text.
 */
export async function gdAction(opts: GdCliOptions): Promise<void> {
  const S = arithmetic(opts.arith);
  const lossKind = parseLossKind(opts.loss);
  const steps = intOption(opts.steps, "--steps", 0);
  const lr = S.parse(opts.lr);
  const optimizer = optimizerOptions(opts, (text) => S.parse(text));
  const batchSize = opts.batchSize === undefined ? undefined : intOption(opts.batchSize, "--batch-size", 1);
  if (opts.seed !== undefined && !opts.shuffle)
    throw new InputError({ field: "--seed", expected: "given with --shuffle", value: String(opts.seed) });
  const shuffleSeed = opts.shuffle ? intOption(opts.seed ?? "0", "--seed", 0) : undefined;
  const raw = dynamicsNetwork(opts);
  const { layers } = raw;
  const inputs = raw.input === undefined ? at(at(layers, 0).W, 0).length : raw.input.channels * raw.input.size.reduce((p, n) => p * n, 1);
  const rawData = readDataset(readTextFile(opts.data), inputs, at(layers, layers.length - 1).W.length, opts.data);
  const data = datasetIn(rawData, S);
  const work = gradientDescentWork(raw, rawData, S.name, steps);
  const cap = enforceWorkCap(work, opts.maxSeconds);
  // exact values grow at every step, which the estimate cannot see: watch the run
  const budget = S.name === "exact" ? stepBudget("gd", steps, cap, "maxSeconds") : () => {};
  const bar = progressBar(steps, "gd", work.seconds);
  const options: GradientDescentOptions<unknown> = {
    lr,
    steps,
    loss: lossKind,
    optimizer,
    batchSize,
    shuffleSeed,
    onStep: (t) => {
      bar.update(t);
      budget(t);
    },
  };
  let run: GradientDescentRun<unknown>;
  try {
    run = interruptible("gd", bar, () => gradientDescent(networkIn(raw, S), data, S, options));
  } finally {
    bar.stop();
  }
  const str = (v: unknown): string => S.toString(v);
  const rows = (m: readonly (readonly unknown[])[]): string[][] => m.map((r) => r.map(str));
  const miniBatches = batchSize !== undefined || shuffleSeed !== undefined;
  if (opts.json) {
    // two weight layers print as W1, b1, W2, b2, deeper ones as { layers }
    const params = networkToJson(run.params, S);
    printJson({
      arith: S.name,
      loss: lossKind,
      lr: str(lr),
      steps,
      optimizer: optimizerJson(run.optimizer, str),
      ...(miniBatches ? { batchSize: batchSize ?? data.X.length, shuffleSeed: shuffleSeed ?? null, batches: run.batches } : {}),
      params,
      losses: run.losses.map(str),
      invariants: rows(run.invariants),
      drift: { observed: rows(run.observedDrift), predicted: rows(run.predictedDrift) },
      ...(run.batchNorm === undefined ? {} : { batchNorm: batchNormJson(run.batchNorm, rows) }),
    });
    return;
  }
  // c1, c2, … for one hidden layer; c_l,k (k from 0, as `relutopo invariants` prints them) for more;
  // a convolution's units are its channels
  const names =
    layers.length > 2
      ? layers.slice(0, -1).flatMap(({ W }, l) => W.map((_, k) => `c_${l + 1},${k}`))
      : at(layers, 0).W.map((_, k) => `c${k + 1}`);
  const plain = isPlainSgd(run.optimizer, S.sign);
  const what = plain ? "" : `, ${describeOptimizer(run.optimizer, str)}`;
  const batches = miniBatches
    ? `, batches of ${batchSize ?? data.X.length}${shuffleSeed === undefined ? "" : ` shuffled (seed ${shuffleSeed})`}`
    : "";
  console.log(`gradient descent: ${steps} steps, lr ${str(lr)}${what}${batches}, ${lossKind}, ${S.name}`);
  console.log(`loss  ${str(run.losses[0])}  ->  ${str(run.losses[steps])}`);
  for (const [k, c] of at(run.invariants, steps).entries()) console.log(`${names[k]}  ${str(at(run.invariants, 0)[k])}  ->  ${str(c)}`);
  const mismatch = run.observedDrift.some((row, t) => row.some((v, k) => !S.eq(v, at(run.predictedDrift, t)[k])));
  const formula = plain ? "eta^2(|g_w|^2 - |g_a|^2)" : "the predicted drift of the optimiser's identity";
  console.log(mismatch ? `observed drift differs from ${formula} (rounding)` : `observed drift = ${formula} at every step`);
  if (run.batchNorm !== undefined) printBatchNorm(run, S);
  if (mismatch && !plain) {
    let worst = S.zero;
    run.observedDrift.forEach((row, t) => {
      for (const [k, v] of row.entries()) {
        const gap = S.abs(S.sub(v, at(run.predictedDrift, t)[k]));
        if (S.cmp(gap, worst) > 0) worst = gap;
      }
    });
    console.log(`largest |observed - predicted| over all steps and neurons: ${str(worst)}`);
  }
}

/** The laws of the batch-normalised channels in the JSON output: ‖K_j‖², b_j per step, the kernel's observed and predicted drift. */
function batchNormJson<T>(
  bn: NonNullable<GradientDescentRun<T>["batchNorm"]>,
  rows: (m: readonly (readonly T[])[]) => string[][],
): Record<string, unknown> {
  return {
    kernel: rows(bn.kernel),
    bias: rows(bn.bias),
    kernelDrift: {
      observed: rows(bn.observedKernelDrift),
      ...(bn.predictedKernelDrift === undefined ? {} : { predicted: rows(bn.predictedKernelDrift) }),
    },
  };
}

/**
 * The text lines of the batch-normalised channels: ‖K_j‖² and the bias before BN, first and last, and the largest gap
 * between the kernel's observed drift and its ε-corrected prediction; channel j of layer l is named `l,j` (j from 0).
 */
function printBatchNorm<T>(run: GradientDescentRun<T>, S: Scalar<T>): void {
  const bn = run.batchNorm;
  if (bn === undefined) return;
  const str = (v: T): string => S.toString(v);
  const channels = run.params.layers.flatMap(({ norm }, l) => (norm === undefined ? [] : norm.gamma.map((_, j) => [l, j] as const)));
  const last = bn.kernel.length - 1;
  for (const [k, [l, j]] of channels.entries()) {
    console.log(`|K_${l + 1},${j}|^2  ${str(at(at(bn.kernel, 0), k))}  ->  ${str(at(at(bn.kernel, last), k))}`);
    console.log(`b_${l + 1},${j} (before BN)  ${str(at(at(bn.bias, 0), k))}  ->  ${str(at(at(bn.bias, last), k))}`);
  }
  const predicted = bn.predictedKernelDrift;
  if (predicted === undefined) return;
  let worst = S.zero;
  bn.observedKernelDrift.forEach((row, t) => {
    for (const [k, v] of row.entries()) {
      const gap = S.abs(S.sub(v, at(at(predicted, t), k)));
      if (S.cmp(gap, worst) > 0) worst = gap;
    }
  });
  console.log(`largest |observed - predicted| drift of |K|^2 (epsilon-corrected) over all steps and channels: ${str(worst)}`);
}

/** The optimiser flags as library options, each number parsed in the run's arithmetic. */
function optimizerOptions<T>(opts: GdCliOptions, parse: (text: string) => T): OptimizerOptions<T> {
  const out: OptimizerOptions<T> = { name: opts.optimizer };
  if (opts.momentum !== undefined) out.momentum = parse(opts.momentum);
  if (opts.dampening !== undefined) out.dampening = parse(opts.dampening);
  if (opts.nesterov) out.nesterov = true;
  if (opts.weightDecay !== undefined) out.weightDecay = parse(opts.weightDecay);
  if (opts.biasDecay === false) out.biasDecay = false;
  if (opts.beta1 !== undefined) out.beta1 = parse(opts.beta1);
  if (opts.beta2 !== undefined) out.beta2 = parse(opts.beta2);
  if (opts.eps !== undefined) out.eps = parse(opts.eps);
  return out;
}

/** Every hyper-parameter of the optimiser, for the JSON output. */
function optimizerJson<T>(o: OptimizerSpec<T>, str: (v: T) => string): Record<string, unknown> {
  if (o.name === "sgd")
    return {
      name: o.name,
      momentum: str(o.momentum),
      dampening: str(o.dampening),
      nesterov: o.nesterov,
      weightDecay: str(o.weightDecay),
      ...(o.biasDecay ? {} : { biasDecay: false }),
    };
  return {
    name: o.name,
    beta1: str(o.beta1),
    beta2: str(o.beta2),
    eps: str(o.eps),
    weightDecay: str(o.weightDecay),
    ...(o.biasDecay ? {} : { biasDecay: false }),
  };
}

function isPlainSgd<T>(o: OptimizerSpec<T>, sign: (v: T) => number): boolean {
  return o.name === "sgd" && sign(o.momentum) === 0 && sign(o.weightDecay) === 0;
}

function describeOptimizer<T>(o: OptimizerSpec<T>, str: (v: T) => string): string {
  const biases = o.biasDecay ? "" : ", biases not decayed";
  if (o.name !== "sgd")
    return `${o.name} (betas ${str(o.beta1)}, ${str(o.beta2)}, eps ${str(o.eps)}, weight decay ${str(o.weightDecay)}${biases})`;
  return `sgd (momentum ${str(o.momentum)}, dampening ${str(o.dampening)}${o.nesterov ? ", nesterov" : ""}, weight decay ${str(o.weightDecay)}${biases})`;
}
