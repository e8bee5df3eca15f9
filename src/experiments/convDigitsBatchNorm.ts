import { gradientDescent } from "../flow/gradientDescent.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { layoutOf } from "../net/layoutOf.js";
import { readArchitecture } from "../net/readArchitecture.js";
import type { Dataset } from "../net/readDataset.js";
import { unpackLayers } from "../net/unpackLayers.js";
import { withArchitecture } from "../net/withArchitecture.js";
import { at } from "../scalar/at.js";
import { float } from "../scalar/float.js";
import { defaultInit } from "./defaultInit.js";
import { readDigits } from "./readDigits.js";
import type { ConvDigitsConfig } from "./reproduceConfig.js";

/** One SGD run of the batch-normalised network: per step, ‖K_j‖² of each channel's kernel and how it moved. */
interface BatchNormRun {
  /** The weight decay λ of the run (0: none). */
  weightDecay: number;
  /** ‖K_j‖² at t = 0 … N: one row per step, one entry per channel. */
  kernel: number[][];
  /** Per step t = 0 … N − 1 and channel: ‖K_j‖²(θ_{t+1}) − ‖K_j‖²(θ_t) and the ε-corrected prediction `predictedBatchNormDrift`. */
  observed: number[][];
  predicted: number[][];
  /** Per step and channel, G² = ‖K_j‖²·‖g_j‖² of the step's mini-batch gradient: the scale-free size of the kernel's gradient. */
  gradScale: number[][];
  /** The largest |observed − predicted| over the steps and channels, and the largest |observed|. */
  maxResidual: number;
  maxDrift: number;
}

/** The two runs from one draw: plain SGD, and SGD with weight decay. */
export interface ConvDigitsBatchNorm {
  lr: number;
  batchSize: number;
  images: number;
  steps: number;
  plain: BatchNormRun;
  decayed: BatchNormRun;
  /**
   * Per channel, the balance of growth and decay of docs/convolutions.md §4, ‖K‖² = √(ηḠ²/(λ(2 − ηλ))), with Ḡ²
   * the mean of G² over the second half of the decayed run.
   */
  balance: number[];
}

// PyTorch's BatchNorm2d default ε, in float64
const EPS = 1e-5;

function architecture(config: ConvDigitsConfig["batchNorm"], channels: number): string {
  return JSON.stringify({
    input: [1, 8, 8],
    layers: [
      { conv2d: { out: channels, kernel: 3, padding: 1, bias: false } },
      { batchnorm2d: {} },
      { relu: {} },
      { maxpool2d: { kernel: 2 } },
      { flatten: {} },
      { linear: { out: config.classes.length } },
    ],
  });
}

function initialNetwork(config: ConvDigitsConfig["batchNorm"], channels: number, runSeed: number): LayeredNetwork<number> {
  const shape = withArchitecture(readArchitecture(architecture(config, channels), "conv-digits-bn"), undefined, "conv-digits-bn");
  const L = layoutOf(shape);
  const theta = defaultInit(L, `conv-digits-bn/run-seed=${runSeed}/channels=${channels}/classes=${config.classes.join(",")}`);
  const net = unpackLayers(Array.from(theta), L);
  return {
    ...net,
    layers: net.layers.map((layer) => (layer.norm === undefined ? layer : { ...layer, norm: { ...layer.norm, eps: EPS } })),
  };
}

function digitImages(config: ConvDigitsConfig["batchNorm"]): Dataset<number> {
  const digits = readDigits();
  const X: number[][] = [];
  const Y: number[][] = [];
  for (const digit of config.classes) {
    let taken = 0;
    for (const [i, label] of digits.y.entries()) {
      if (label !== digit || taken >= config.perClass) continue;
      taken++;
      X.push(at(digits.X, i).map((p) => p / 16));
      Y.push(config.classes.map((c) => (c === digit ? 1 : 0)));
    }
  }
  return { X, Y };
}

const kernels = (net: LayeredNetwork<number>): number[][] => at(net.layers, 0).W.map((row) => [...row]);
const squared = (v: readonly number[]): number => v.reduce((s, x) => s + x * x, 0);

function sgd(config: ConvDigitsConfig, runSeed: number, data: Dataset<number>, weightDecay: number): BatchNormRun {
  const { lr, batchSize, steps } = config.batchNorm;
  const net = initialNetwork(config.batchNorm, config.channels, runSeed);
  const L = layoutOf(net);
  const gradScale: number[][] = [];
  let before = kernels(net);
  const run = gradientDescent(net, data, float, {
    lr,
    steps,
    loss: "mse",
    batchSize,
    shuffleSeed: runSeed,
    optimizer: { weightDecay },
    lossEvery: steps,
    onStep: (_t, theta) => {
      const after = kernels(unpackLayers(theta, L));
      // the step is K ← (1 − ηλ)K − ηg: its gradient g from the two kernels
      gradScale.push(before.map((K, j) => squared(K) * squared(K.map((k, i) => ((1 - lr * weightDecay) * k - at(at(after, j), i)) / lr))));
      before = after;
    },
  });
  const bn = run.batchNorm;
  if (bn?.predictedKernelDrift === undefined) throw new Error("a batch-normalised SGD run records its kernel drift");
  const C = config.channels;
  const observed = bn.observedKernelDrift.map((row) => row.slice(0, C));
  const predicted = bn.predictedKernelDrift.map((row) => row.slice(0, C));
  const residuals = observed.flatMap((row, t) => row.map((o, j) => Math.abs(o - at(at(predicted, t), j))));
  return {
    weightDecay,
    kernel: bn.kernel.map((row) => row.slice(0, C)),
    observed,
    predicted,
    gradScale,
    maxResidual: Math.max(0, ...residuals),
    maxDrift: Math.max(0, ...observed.flat().map(Math.abs)),
  };
}

/**
 * The convolutional network of the experiment with a BatchNorm2d after its convolution (Conv2d(1, C, 3,
 * padding 1, bias=False) → BatchNorm2d(C) → ReLU → MaxPool2d(2) → flatten → Linear), drawn with PyTorch's
 * default initialisation and trained twice in float64 by mini-batch SGD from that draw: without weight decay
 * (‖K_j‖² only grows, by η²‖g_j‖² a step up to the ε-correction) and with weight decay λ (‖K_j‖² settles near
 * the balance of growth and decay). Every step's observed change of ‖K_j‖² is set against
 * `predictedBatchNormDrift`.
 *
 * @param config - the experiment's configuration (its channels; `batchNorm`: the digits, η, λ, batch size, images per class, steps)
 * @param runSeed - the run's seed: the draw and the mini-batches' shuffle
 * @returns both runs per step and channel, and each channel's balance level
 */
export function convDigitsBatchNorm(config: ConvDigitsConfig, runSeed: number): ConvDigitsBatchNorm {
  const { lr, weightDecay, batchSize, steps } = config.batchNorm;
  const data = digitImages(config.batchNorm);
  const plain = sgd(config, runSeed, data, 0);
  const decayed = sgd(config, runSeed, data, weightDecay);
  const tail = decayed.gradScale.slice(Math.floor(steps / 2));
  const balance = Array.from({ length: config.channels }, (_, j) => {
    const G2 = tail.reduce((s, row) => s + at(row, j), 0) / Math.max(1, tail.length);
    return Math.sqrt((lr * G2) / (weightDecay * (2 - lr * weightDecay)));
  });
  return { lr, batchSize, images: data.X.length, steps, plain, decayed, balance };
}
