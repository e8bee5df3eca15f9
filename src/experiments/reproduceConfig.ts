import { InputError } from "../errors.js";

/** The experiments `relutopo reproduce` knows. */
export type ExperimentName = "toy" | "breast-cancer" | "probability" | "optimizers" | "deep" | "conv-digits";
export const EXPERIMENTS: readonly ExperimentName[] = ["toy", "breast-cancer", "probability", "optimizers", "deep", "conv-digits"];

/** How big a run is: `tiny` for smoke tests, `quick` for `npm start`, `full` for the paper's sizes. */
export type Scale = "tiny" | "quick" | "full";

/** The toy obstruction: two hidden neurons, d = 1 with a hidden bias, scalar output, no output bias. */
export interface ToyConfig {
  /** Gradient-descent steps and step size (exact text). */
  steps: number;
  lr: string;
  /** Digits of the decimal arithmetic the GD runs in. */
  gdDigits: number;
  /** Length of the gradient-flow run (= steps × lr, so both cover the same time), digits and samples. */
  flowTime: string;
  flowDigits: number;
  flowSamples: number;
}

/** The breast-cancer sweep over widths l, numbers l₊ of non-pathological neurons and seeds. */
export interface BreastCancerConfig {
  widths: number[];
  seeds: number;
  epochs: number;
  lr: number;
  testFraction: number;
  /** ‖w̃_k‖/|a_k| after rescaling: `ratio` for non-pathological neurons, 1/ratio for pathological ones. */
  ratio: number;
  hiddenBias: boolean;
  outputBias: boolean;
  /** Record the training loss every this many epochs. */
  recordEvery: number;
}

/** The probability heat maps: fan-in d_in and width l ranges, digits. */
export interface ProbabilityConfig {
  schemes: string[];
  dIn: number[];
  widths: number[];
  e: number;
  digits: number;
}

/** One optimiser of the optimiser comparison: its label, step, `torch.optim` hyper-parameters and whether it takes mini-batches. */
export interface OptimizerRunConfig {
  /** Short name for the report, tables and results.json. */
  label: string;
  lr: number;
  /** As `gradientDescent` takes them (none: plain gradient descent). */
  optimizer: { name?: "sgd" | "adam" | "adamw"; momentum?: number; weightDecay?: number };
  /** Shuffled mini-batches (the batch size is the problem's), or the full batch. */
  miniBatch: boolean;
}

/**
 * Do real optimisers escape the obstruction? The toy starts and breast-cancer
 * networks (l₊ = 0, 1 and l non-pathological neurons) trained from the same
 * starts by each optimiser for the same number of epochs.
 */
export interface OptimizersConfig {
  optimizers: OptimizerRunConfig[];
  /** Toy problem: epochs and rows per mini-batch (of its 4). */
  toyEpochs: number;
  toyBatchSize: number;
  /** Breast cancer: widths, seeds, epochs and rows per mini-batch; the split, ratio and biases are those of the breast-cancer sweep. */
  widths: number[];
  seeds: number;
  epochs: number;
  batchSize: number;
}

/**
 * The deep experiment: a ReLU network with two hidden layers (widths `hidden`, both with
 * biases, scalar output without bias) on the breast-cancer sweep's split, from PyTorch's
 * default initialisation, trained by full-batch gradient descent on BCE with logits.
 */
export interface DeepConfig {
  /** The two hidden widths h1, h2. */
  hidden: [number, number];
  seeds: number;
  epochs: number;
  lr: number;
  /** Record the training loss every this many epochs. */
  recordEvery: number;
  /** Monte Carlo samples of the two-layer prediction for the last hidden layer. */
  samples: number;
}

/** One run of the convolutional experiment: the first `perClass` images of each class, `steps` steps of gradient descent. */
export interface ConvDigitsRun {
  perClass: number;
  steps: number;
}

/**
 * The convolutional experiment: Conv2d(1, channels, 3, padding 1) → ReLU → MaxPool2d(2) → flatten →
 * Linear(channels · 16, classes) on 8 × 8 digits (pixels / 16), from PyTorch's default initialisation,
 * trained by full-batch gradient descent on MSE against one-hot targets, once in exact rationals (a few
 * steps on a few images) and once in float64 (longer, on more images), from the same draw.
 */
export interface ConvDigitsConfig {
  /** The digits classified, in the order of the one-hot targets. */
  classes: number[];
  /** Output channels of the convolution. */
  channels: number;
  /** The step η (exact text, dyadic, so every exact value stays dyadic). */
  lr: string;
  exact: ConvDigitsRun;
  float: ConvDigitsRun;
  /** Points of the float run's drift and loss curves (every step of the exact run is recorded). */
  points: number;
  /**
   * The batch-normalised variant (a BatchNorm2d after the convolution) trained by float64 mini-batch SGD,
   * without and with weight decay λ, from one draw: its digits, η, λ, rows per batch, images per class and steps.
   */
  batchNorm: { classes: number[]; lr: number; weightDecay: number; batchSize: number; perClass: number; steps: number };
}

/** Everything that determines the numbers of a run (and so its cells' fingerprint). */
export interface ReproduceConfig {
  scale: Scale;
  seed: number;
  experiments: ExperimentName[];
  toy: ToyConfig;
  breastCancer: BreastCancerConfig;
  probability: ProbabilityConfig;
  optimizers: OptimizersConfig;
  deep: DeepConfig;
  convDigits: ConvDigitsConfig;
}

const range = (lo: number, hi: number): number[] => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

/**
 * The configuration of a run at a scale: `tiny` (seconds, for tests), `quick`
 * (`npm start`: about a minute on 2 cores) or `full` (the paper's sizes).
 *
 * @throws InputError for an unknown experiment
 */
export function reproduceConfig(scale: Scale, seed: number, experiment: ExperimentName | "all"): ReproduceConfig {
  if (experiment !== "all" && !EXPERIMENTS.includes(experiment))
    throw new InputError({ field: "experiment", expected: `one of ${EXPERIMENTS.join(", ")} or all`, value: experiment });
  const experiments = experiment === "all" ? [...EXPERIMENTS] : [experiment];
  const toy: ToyConfig = { steps: 500, lr: "1/10", gdDigits: 50, flowTime: "50", flowDigits: 50, flowSamples: scale === "tiny" ? 51 : 251 };
  const bc = {
    tiny: { widths: [1, 2, 4], seeds: 2, epochs: 150 },
    quick: { widths: [1, 2, 3, 4, 6], seeds: 12, epochs: 1000 },
    full: { widths: range(1, 16), seeds: 30, epochs: 1000 },
  }[scale];
  const breastCancer: BreastCancerConfig = {
    ...bc,
    lr: 0.1,
    testFraction: 0.2,
    ratio: 4,
    hiddenBias: true,
    outputBias: false,
    recordEvery: 50,
  };
  const probability: ProbabilityConfig = {
    schemes: ["kaiming-normal", "xavier-normal"],
    dIn: scale === "full" ? range(1, 32) : scale === "quick" ? range(1, 32) : range(1, 8),
    // Each heat-map cell is an SVG rect (~300 bytes), inlined in index.html too: 32 × 128 keeps the full page near 5 MB.
    widths: scale === "full" ? range(1, 128) : scale === "quick" ? range(1, 64) : range(1, 8),
    e: 1,
    digits: 20,
  };
  const optimizers: OptimizersConfig = {
    // Momentum 0.9 takes a tenth of the step: its steady step η/(1 − μ) is then plain SGD's.
    optimizers: [
      { label: "GD", lr: 0.1, optimizer: {}, miniBatch: false },
      { label: "SGD", lr: 0.1, optimizer: {}, miniBatch: true },
      { label: "SGD + momentum", lr: 0.01, optimizer: { momentum: 0.9 }, miniBatch: true },
      { label: "SGD + weight decay", lr: 0.1, optimizer: { weightDecay: 0.001 }, miniBatch: true },
      { label: "Adam", lr: 0.001, optimizer: { name: "adam" }, miniBatch: true },
    ],
    toyEpochs: 500,
    toyBatchSize: 2,
    ...{
      tiny: { widths: [2], seeds: 2, epochs: 20 },
      quick: { widths: [2, 4], seeds: 10, epochs: 200 },
      full: { widths: [1, 2, 4, 8, 16], seeds: 30, epochs: 1000 },
    }[scale],
    batchSize: 32,
  };
  const deep: DeepConfig = {
    ...{
      // A narrow last layer: its neurons are pathological often enough (p ≈ 0.15) to count.
      tiny: { hidden: [4, 2] as [number, number], seeds: 4, epochs: 20, samples: 20000 },
      quick: { hidden: [8, 2] as [number, number], seeds: 80, epochs: 200, samples: 200000 },
      full: { hidden: [16, 2] as [number, number], seeds: 150, epochs: 500, samples: 1000000 },
    }[scale],
    lr: 0.1,
    recordEvery: 10,
  };
  const convDigits: ConvDigitsConfig = {
    // Exact steps cost seconds each (the numbers' lengths grow with every step): a few images, two steps at most.
    ...{
      tiny: { classes: [0, 1], exact: { perClass: 1, steps: 1 }, float: { perClass: 4, steps: 20 } },
      quick: { classes: [0, 1, 2], exact: { perClass: 1, steps: 2 }, float: { perClass: 20, steps: 200 } },
      full: { classes: range(0, 9), exact: { perClass: 1, steps: 2 }, float: { perClass: 50, steps: 1000 } },
    }[scale],
    channels: 4,
    lr: "1/2",
    points: 50,
    // All ten digits, so that the net cannot fit its images within the run and the mini-batch gradient stays
    // noisy; η and λ such that the decayed run moves ‖K‖² by a large factor (ηλ = 1/200 a step).
    batchNorm: {
      ...{ tiny: { perClass: 2, steps: 30 }, quick: { perClass: 20, steps: 300 }, full: { perClass: 50, steps: 1500 } }[scale],
      classes: range(0, 9),
      lr: 0.1,
      weightDecay: 0.05,
      batchSize: 8,
    },
  };
  return { scale, seed, experiments, toy, breastCancer, probability, optimizers, deep, convDigits };
}
