import { gradientDescent } from "../flow/gradientDescent.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { layoutOf } from "../net/layoutOf.js";
import { mapNetwork } from "../net/mapNetwork.js";
import { readArchitecture } from "../net/readArchitecture.js";
import type { Dataset } from "../net/readDataset.js";
import { unpackLayers } from "../net/unpackLayers.js";
import { withArchitecture } from "../net/withArchitecture.js";
import { at } from "../scalar/at.js";
import { exact } from "../scalar/exact.js";
import { float } from "../scalar/float.js";
import { floatFraction } from "../scalar/floatFraction.js";
import type { Scalar } from "../scalar/scalar.js";
import { type ConvDigitsBatchNorm, convDigitsBatchNorm } from "./convDigitsBatchNorm.js";
import { defaultInit } from "./defaultInit.js";
import { readDigits } from "./readDigits.js";
import type { ConvDigitsConfig } from "./reproduceConfig.js";

/** One channel of the convolution over a run: its law c = ‖K_j‖² + b_j² − ‖readers of j‖², and how it drifted. */
export interface ConvDigitsChannel {
  /** c at the start and after the last step. */
  c0: number;
  cT: number;
  /** Σ_t (c(θ_{t+1}) − c(θ_t)), the observed drift over the run, and Σ_t η²(‖g_in‖² − ‖g_out‖²), its prediction. */
  observed: number;
  predicted: number;
  /** Σ_t (observed_t − predicted_t) in the run's arithmetic, as its text ("0" when the identity holds exactly). */
  residual: string;
  /** |residual| / max_t |c(θ_t)|: the residual on the scale of c itself. */
  relResidual: number;
  /** The largest |observed_t − predicted_t| of a single step, as text in the run's arithmetic. */
  maxStepResidual: string;
}

/** One arithmetic's run of the convolutional experiment. */
export interface ConvDigitsCell {
  arith: "exact" | "float";
  /** Images trained on and gradient-descent steps taken. */
  images: number;
  steps: number;
  /** MSE on the training images before and after. */
  loss0: number;
  lossT: number;
  /** One entry per output channel of the convolution. */
  channels: ConvDigitsChannel[];
  /** At recorded steps t: the loss and, per channel, the observed and predicted drift summed over steps 0 … t − 1. */
  curve: { t: number; loss: number; observed: number[]; predicted: number[] }[];
  /** The float cell's batch-normalised variant: ‖K_j‖² under mini-batch SGD without and with weight decay. */
  batchNorm?: ConvDigitsBatchNorm | undefined;
}

/** The experiment's network as an architecture file, so that the shapes come from the one reader of such files. */
function architecture(config: ConvDigitsConfig): string {
  return JSON.stringify({
    input: [1, 8, 8],
    layers: [
      { conv2d: { out: config.channels, kernel: 3, padding: 1 } },
      { relu: {} },
      { maxpool2d: { kernel: 2 } },
      { flatten: {} },
      { linear: { out: config.classes.length } },
    ],
  });
}

/**
 * The network at PyTorch's default initialisation (every weight and bias of a layer uniform in ±1/√fan_in,
 * fan_in = in_channels · 3 · 3 for the convolution), seeded, as float64.
 */
function initialNetwork(config: ConvDigitsConfig, runSeed: number): LayeredNetwork<number> {
  const shape = withArchitecture(readArchitecture(architecture(config), "conv-digits"), undefined, "conv-digits");
  const L = layoutOf(shape);
  const theta = defaultInit(L, `conv-digits/run-seed=${runSeed}/channels=${config.channels}/classes=${config.classes.join(",")}`);
  return unpackLayers(Array.from(theta), L);
}

/** The first `perClass` images of each class in file order, pixels / 16 (exact: 0 … 16 sixteenths), one-hot targets. */
function digitImages<T>(config: ConvDigitsConfig, perClass: number, S: Scalar<T>): Dataset<T> {
  const digits = readDigits();
  const X: T[][] = [];
  const Y: T[][] = [];
  for (const digit of config.classes) {
    let taken = 0;
    for (const [i, label] of digits.y.entries()) {
      if (label !== digit || taken >= perClass) continue;
      taken++;
      X.push(at(digits.X, i).map((p) => S.fromRational(BigInt(p), 16n)));
      Y.push(config.classes.map((c) => (c === digit ? S.one : S.zero)));
    }
  }
  return { X, Y };
}

function runIn<T>(
  config: ConvDigitsConfig,
  runSeed: number,
  arith: "exact" | "float",
  S: Scalar<T>,
  toS: (v: number) => T,
): ConvDigitsCell {
  const { perClass, steps } = config[arith];
  const data = digitImages(config, perClass, S);
  const net = mapNetwork(initialNetwork(config, runSeed), toS);
  const run = gradientDescent(net, data, S, { lr: S.parse(config.lr), steps, loss: "mse" });
  const C = config.channels;
  const every = Math.max(1, Math.ceil(steps / config.points));
  const observed = new Array<T>(C).fill(S.zero);
  const predicted = new Array<T>(C).fill(S.zero);
  const residual = new Array<T>(C).fill(S.zero);
  const maxStep = new Array<T>(C).fill(S.zero);
  const curve: ConvDigitsCell["curve"] = [];
  const record = (t: number): void => {
    curve.push({ t, loss: S.toNumber(at(run.losses, t)), observed: observed.map(S.toNumber), predicted: predicted.map(S.toNumber) });
  };
  record(0);
  for (let t = 0; t < steps; t++) {
    for (let j = 0; j < C; j++) {
      const o = at(at(run.observedDrift, t), j);
      const p = at(at(run.predictedDrift, t), j);
      const r = S.sub(o, p);
      observed[j] = S.add(at(observed, j), o);
      predicted[j] = S.add(at(predicted, j), p);
      residual[j] = S.add(at(residual, j), r);
      if (S.cmp(S.abs(r), at(maxStep, j)) > 0) maxStep[j] = S.abs(r);
    }
    if ((t + 1) % every === 0 || t + 1 === steps) record(t + 1);
  }
  const channels = Array.from({ length: C }, (_, j): ConvDigitsChannel => {
    const scale = Math.max(...run.invariants.map((row) => Math.abs(S.toNumber(at(row, j)))));
    const r = S.toNumber(at(residual, j));
    return {
      c0: S.toNumber(at(at(run.invariants, 0), j)),
      cT: S.toNumber(at(at(run.invariants, steps), j)),
      observed: S.toNumber(at(observed, j)),
      predicted: S.toNumber(at(predicted, j)),
      residual: S.toString(at(residual, j)),
      relResidual: scale > 0 ? Math.abs(r) / scale : Math.abs(r),
      maxStepResidual: S.toString(at(maxStep, j)),
    };
  });
  return {
    arith,
    images: data.X.length,
    steps,
    loss0: S.toNumber(at(run.losses, 0)),
    lossT: S.toNumber(at(run.losses, steps)),
    channels,
    curve,
  };
}

/**
 * One run of the convolutional experiment: Conv2d(1, C, 3, padding 1) → ReLU → MaxPool2d(2) → flatten →
 * Linear(16·C, classes) on 8 × 8 digits, drawn with PyTorch's default initialisation and trained by
 * full-batch gradient descent on MSE against one-hot targets (PyTorch's `MSELoss`, the mean over images and
 * classes), in exact rationals (the float64 draw read as the exact dyadic it is) or in float64. Per channel j
 * of the convolution it records the law c_j = ‖K_j‖² + b_j² − ‖readers of j in the linear layer‖², its
 * drift under the steps and the drift the per-step identity predicts, η²(‖g_in‖² − ‖g_out‖²). The float cell
 * also runs the batch-normalised variant (`convDigitsBatchNorm`).
 *
 * @param config - the experiment's configuration
 * @param runSeed - the run's seed (both arithmetics start from the same draw)
 * @param arith - `exact` (a few steps on a few images) or `float` (the longer run)
 * @returns the per-channel drifts, their residuals and the loss curve
 */
export function convDigitsCell(config: ConvDigitsConfig, runSeed: number, arith: "exact" | "float"): ConvDigitsCell {
  if (arith === "exact") return runIn(config, runSeed, arith, exact, floatFraction);
  return { ...runIn(config, runSeed, arith, float, (v) => v), batchNorm: convDigitsBatchNorm(config, runSeed) };
}
