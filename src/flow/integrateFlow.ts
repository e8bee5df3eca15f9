import { InputError } from "../errors.js";
import type { Dataset } from "../net/readDataset.js";
import type { LossKind } from "../net/loss.js";
import { parseRational } from "../scalar/parseRational.js";
import { compileFlowProblem } from "./_internals/flowProblem.js";
import { formatLayeredRun, layeredParams } from "./_internals/formatLayeredRun.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { fixedToString, fromRationalFixed } from "../scalar/fixedPoint.js";
import { resolved } from "./_internals/resolved.js";
import type { RawTrajectory } from "./_internals/trajectory.js";
import { gaussLegendreFlow } from "./gaussLegendreFlow.js";
import { rk4Flow } from "./rk4Flow.js";
import { taylorFlow } from "./taylorFlow.js";
import { FLOW_METHODS, MAX_FLOW_DIGITS, MIN_FLOW_DIGITS, type FlowMethod } from "./flowMethods.js";

export type { FlowMethod } from "./flowMethods.js";
export { FLOW_METHODS, MIN_FLOW_DIGITS, MAX_FLOW_DIGITS } from "./flowMethods.js";

/** Options of {@link integrateFlow}. */
export interface FlowOptions {
  /** End time T > 0, exact user text ("1", "1/2", "0.25"). */
  time: string;
  /** Significant digits D of the results, in [10, 1000]; default 50. */
  digits?: number;
  /** `taylor` (default): adaptive Taylor series with kink events and sliding; `gauss`: Gauss–Legendre; `rk4`: classical Runge–Kutta. */
  method?: FlowMethod;
  /** Default `mse`. */
  loss?: LossKind;
  /** Number K of equally spaced sample times: none for 0 (default), T for 1, jT/(K−1) for K ≥ 2. */
  samples?: number;
  /** Fixed step count of `rk4` and `gauss` over [0, T] (default: 1000·T for rk4; for gauss, from its order 2s and a trial step, to reach D digits); ignored by `taylor`, which chooses its steps. */
  steps?: number;
  /** Called with the fraction of [0, T] done. */
  onProgress?: (fraction: number) => void;
  /** Weight decay λ ≥ 0, exact text: the flow θ' = −∇L(θ) − λθ (every parameter, biases included unless `biasDecay` is false); `taylor` only. */
  weightDecay?: string;
  /** false: the decay skips the biases (PyTorch parameter groups); c_k then follows ċ_k = −2λ(c_k − b_k²), not a closed law. Default true. */
  biasDecay?: boolean;
  /** Friction γ ≥ 0, exact text: the heavy ball θ'' + γθ' + ∇L(θ) = 0 with θ'(0) = 0; `taylor` only, not with weightDecay. */
  momentum?: string;
}

/**
 * One event: at time t, pre-activation z_{neuron,point} reached 0 and the flow entered (z > 0), left (z < 0),
 * started or stopped sliding along z = 0; or (max pooling, with `window`) the window of a pooled layer
 * switched its selection to the unit (`neuron`, `position`) at that point (`switch`), started sliding along
 * its tie with that unit (`slide`), or left the tie with that unit selected (`release`).
 */
export interface FlowEvent {
  t: string;
  /** Networks of three or more weight layers, or with convolutions: the hidden layer of the neuron, from 1 (`neuron` then counts within it, from 0). */
  layer?: number;
  /** The neuron, or the channel of a convolution (from 0). */
  neuron: number;
  /** A convolution's unit: the output position within the channel (flat row-major, from 0). */
  position?: number;
  point: number;
  kind: "enter" | "leave" | "slide" | "release" | "switch";
  /** A max-pool event (switch, slide or release of a tie): the window (flat channel-major over the pooled layer's output, from 0). */
  window?: number;
}

/** One sample of the trajectory. */
export interface FlowSample {
  t: string;
  params: Record<string, unknown>;
  invariants: string[];
  loss: string;
  /** Heavy ball only: θ'(t). */
  velocity?: Record<string, unknown>;
  /** Heavy ball only: c̈_k + γċ_k − 2(‖ẇ_k‖² − ‖ȧ_k‖²) at t, per neuron. */
  identityResidual?: string[];
}

/** What a run with weight decay λ adds to {@link FlowRun}: the law c_k(t) = c_k(0)e^{−2λt} checked. */
export interface FlowWeightDecay {
  lambda: string;
  /** c_k(0)e^{−2λT} per neuron, to compare with `invariantsT`. */
  predictedT: string[];
  /** max over accepted steps and neurons with c_k(0) ≠ 0 of |c_k(t) − c_k(0)e^{−2λt}| / |c_k(0)e^{−2λt}|. */
  maxRelativeDeviation: string;
}

/**
 * What a run with weight decay λ that skips the biases adds to {@link FlowRun}: no closed law
 * holds, c_k follows ċ_k = −2λ(c_k − b_k²) (b_k the neuron's incoming bias), checked at every step.
 */
export interface FlowBiasFreeDecay {
  lambda: string;
  biasDecay: false;
  /** max over accepted steps and neurons of |ċ_k + 2λ(c_k − b_k²)|, ċ_k from the field. */
  maxIdentityResidual: string;
}

/** What a heavy-ball run adds to {@link FlowRun}. */
export interface FlowMomentum {
  gamma: string;
  /** θ'(T), shaped like `params`. */
  velocity: Record<string, unknown>;
  /** max over the starts of accepted steps and T of |c̈_k + γċ_k − 2(‖ẇ_k‖² − ‖ȧ_k‖²)|, every neuron. */
  maxIdentityResidual: string;
  /** The same residual at T, per neuron. */
  identityResidualT: string[];
  /** Per neuron, whether an output weight changed sign: certified `changed`/`unchanged`, else `uncertain`. */
  outputSign: ("changed" | "unchanged" | "uncertain")[];
}

/** The result of {@link integrateFlow}: the `relutopo flow --json` object, every number as a D-digit string. */
export interface FlowRun {
  digits: number;
  method: FlowMethod;
  time: string;
  /** θ(T), shaped like `networkToJson` (W1, b1?, W2, b2?). */
  params: Record<string, unknown>;
  invariants0: string[];
  invariantsT: string[];
  /**
   * max_t max_k |c_k(t) − c_k(0)| over every accepted step, computed at the working
   * precision (above D digits); with weight decay, the deviation from the law:
   * max_t max_k |c_k(t) − c_k(0)e^{−2λt}|. Under the heavy ball c_k is not conserved
   * and this is how far it moved, not an error (see `momentum.maxIdentityResidual`).
   */
  maxDrift: string;
  loss0: string;
  lossT: string;
  events: FlowEvent[];
  /** Neurons k some of whose output weights a_k had, at some accepted step, a sign other than at t = 0 (heavy ball: certified changes only; deeper nets: flat indices of the neurons with a single outgoing weight). */
  signChanges: number[];
  samples: FlowSample[];
  /** Present with the weightDecay option. */
  weightDecay?: FlowWeightDecay;
  /** With a weight decay that skips the biases (`biasDecay: false`): the identity ċ = −2λ(c − b²) checked. */
  biasFreeDecay?: FlowBiasFreeDecay;
  /** Present with the momentum option. */
  momentum?: FlowMomentum;
  /** Networks of three or more weight layers only: one entry per hidden layer. */
  layers?: FlowLayer[];
}

/** One hidden layer of a deep network's flow: its c_{l,k} at 0 and T and its sign changes. */
export interface FlowLayer {
  /** The hidden layer l, from 1. */
  layer: number;
  invariants0: string[];
  invariantsT: string[];
  /** Neurons k (from 0) whose single outgoing weight changed sign; null when the next layer is wider than 1 (a neuron's outgoing weights are then a vector). */
  signChanges: number[] | null;
}

function validate(options: FlowOptions): {
  digits: number;
  method: FlowMethod;
  loss: LossKind;
  samples: number;
  T: { num: bigint; den: bigint };
  decay: { num: bigint; den: bigint } | undefined;
  gamma: { num: bigint; den: bigint } | undefined;
} {
  const digits = options.digits ?? 50;
  if (!Number.isInteger(digits) || digits < MIN_FLOW_DIGITS || digits > MAX_FLOW_DIGITS) {
    throw new InputError({ field: "digits", expected: `an integer in [${MIN_FLOW_DIGITS}, ${MAX_FLOW_DIGITS}]`, value: String(digits) });
  }
  const method = options.method ?? "taylor";
  if (!FLOW_METHODS.includes(method))
    throw new InputError({ field: "method", expected: `one of ${FLOW_METHODS.join(", ")}`, value: String(method) });
  const loss = options.loss ?? "mse";
  if (loss !== "mse" && loss !== "sse-mean" && loss !== "bce")
    throw new InputError({ field: "loss", expected: "mse, sse-mean or bce", value: String(loss) });
  const samples = options.samples ?? 0;
  if (!Number.isSafeInteger(samples) || samples < 0 || samples > 100000)
    throw new InputError({ field: "samples", expected: "an integer in [0, 100000]", value: String(samples) });
  if (options.steps !== undefined && (!Number.isSafeInteger(options.steps) || options.steps < 1)) {
    throw new InputError({ field: "steps", expected: "a positive integer", value: String(options.steps) });
  }
  const T = parseRational(options.time);
  if (T.num <= 0n) throw new InputError({ field: "time", expected: "positive", value: options.time });
  if (T.num > 1000000n * T.den) throw new InputError({ field: "time", expected: "at most 1000000", value: options.time });
  const decay = nonNegative("weightDecay", options.weightDecay);
  const gamma = nonNegative("momentum", options.momentum);
  if (decay !== undefined && gamma !== undefined)
    throw new InputError({
      field: "momentum",
      expected: "absent when a weight decay is given (one dynamics at a time)",
      value: options.momentum!,
    });
  if ((decay !== undefined || gamma !== undefined) && method !== "taylor")
    throw new InputError({
      field: "method",
      expected: `taylor, the only method with ${decay !== undefined ? "weight decay" : "momentum"}`,
      value: method,
    });
  return { digits, method, loss, samples, T, decay, gamma };
}

/** λ or γ: a rational in [0, 1000000], or undefined when absent. */
function nonNegative(field: string, text: string | undefined): { num: bigint; den: bigint } | undefined {
  if (text === undefined) return undefined;
  const r = parseRational(text);
  if (r.num < 0n || r.num > 1000000n * r.den) throw new InputError({ field, expected: "a number in [0, 1000000]", value: text });
  return r;
}

/**
 * Integrates the gradient flow θ' = −∇L(θ) of a network from its
 * parameters at t = 0 to t = T at D significant digits, and reports the
 * conserved quantities c_k, the loss, the kink events and optional samples.
 * A network of three or more weight layers takes every method; its run carries
 * `layers` (the c_{l,k} of each hidden layer), `params` as `{ layers }`, and events
 * with their `layer`.
 *
 * - `taylor`: Taylor series of order ~1.15(D + 4) by automatic differentiation
 *   (Cauchy products) inside each activation region, adaptive step; the first
 *   zero of every pre-activation's series is located to full precision, the step
 *   stops there and the region switches (`enter`/`leave`). Where both one-sided
 *   fields point into the kink the flow slides along it (Filippov) until the
 *   convex weight leaves [0, 1] (`slide`/`release`).
 * - `gauss`: s-stage Gauss–Legendre (order 2s) with a fixed step; conserves every
 *   c_k to the solve tolerance. A step is taken only when its stage equations are
 *   solved (it is halved otherwise, up to 2^8 sub-steps, then ConvergenceError naming t);
 *   a step that crosses a kink is bisected down to it, so the run keeps D digits across
 *   transversal kinks, and is first order along a slide.
 * - `rk4`: classical Runge–Kutta, fixed step, the naive baseline.
 *
 * @param net - the parameters at t = 0 (exact text), of any depth
 * @param data - the training set (exact text)
 * @param options - see {@link FlowOptions}
 * @returns the run, every number a D-digit string
 * With `weightDecay` λ the flow is θ' = −∇L(θ) − λθ and c_k(t) = c_k(0)e^{−2λt}
 * exactly (the rescaling identity kills the gradient's share of c_k'); `maxDrift`
 * then measures the deviation from that law. With `momentum` γ it is the heavy
 * ball θ'' + γθ' + ∇L(θ) = 0 from rest, integrated in phase space (θ, v), which
 * obeys c̈_k + γċ_k = 2(‖ẇ_k‖² − ‖ȧ_k‖²); the run reports that identity's residual
 * and certified output-weight signs (`FlowMomentum`). Both need `taylor`.
 *
 * At any depth the Taylor series run through every layer, and a pair sliding in a
 * deep layer (whose zero set is curved) moves with −∇L projected onto the tangent space
 * of the sliding surfaces (`layeredTaylorStep`).
 *
 * A network with convolutions, pooling and flatten runs as its unrolled dense network with
 * tied kernels: its kink units are the pre-activations of every channel at every position, a
 * max-pool window's change of maximum is an event (`switch`), a tie both selections push into is
 * slid along (`slide`, `release`), c is reported per channel and
 * the run carries `layers` at any depth (docs/convolutions.md §6).
 *
 * @throws InputError for T ≤ 0, digits outside [10, 1000], an unknown method or loss, bad samples/steps, a negative weightDecay or momentum, both at once, or either with gauss or rk4;
 *   a network with batch normalisation, or momentum on a network with convolutions
 * @throws ConvergenceError when the Taylor steps do not reach T (a pattern that switches back and forth at a kink, a slide whose constraints become degenerate, or a max-pool tie that slides beside another tie or a sliding kink), or under momentum at a tangency to a kink or a start on a kink that cannot be decided
 * @example integrateFlow(readNetwork('{"W1": [[1]], "W2": [[2]]}'), readDataset("x,y\n1,1\n", 1, 1), { time: "1", digits: 20 }).invariantsT // returns ["-3"]
 */
export function integrateFlow(net: LayeredNetwork<string>, data: Dataset<string>, options: FlowOptions): FlowRun {
  const { digits, method, loss, samples, T, decay, gamma } = validate(options);
  const { problem, theta0 } = compileFlowProblem(net, data, digits, loss);
  if (problem.unrolled !== undefined && gamma !== undefined)
    throw new InputError({
      field: "momentum",
      expected: "left out for a network with convolutions, pooling or an input tensor (the heavy ball runs fully connected networks)",
      value: options.momentum ?? "",
    });
  const Tfix = fromRationalFixed(problem.F, T.num, T.den);
  const common = { T: Tfix, samples, onProgress: options.onProgress };
  let raw: RawTrajectory;
  if (method === "rk4") {
    raw = rk4Flow(problem, theta0, { ...common, steps: options.steps ?? Math.max(1, Math.ceil((1000 * Number(T.num)) / Number(T.den))) });
  } else if (method === "gauss") {
    raw = gaussLegendreFlow(problem, theta0, { ...common, digits, steps: options.steps });
  } else {
    raw = taylorFlow(problem, theta0, {
      ...common,
      digits,
      exactNet: net,
      exactData: data,
      decay: decay === undefined ? undefined : fromRationalFixed(problem.F, decay.num, decay.den),
      biasDecay: options.biasDecay,
      momentum: gamma === undefined ? undefined : fromRationalFixed(problem.F, gamma.num, gamma.den),
    });
  }
  const info = { digits, method, loss, time: options.time };
  const run = formatLayeredRun(problem, net, data, info, raw);
  const text = (v: bigint): string => fixedToString(problem.F, v, digits);
  if (raw.decay !== undefined)
    run.weightDecay = {
      lambda: options.weightDecay!,
      predictedT: raw.decay.predictedT.map((v) => text(resolved(problem.F, v))),
      maxRelativeDeviation: text(raw.decay.maxRelative),
    };
  if (raw.biasFreeDecay !== undefined)
    run.biasFreeDecay = {
      lambda: options.weightDecay!,
      biasDecay: false,
      maxIdentityResidual: text(raw.biasFreeDecay.maxIdentityResidual),
    };
  if (raw.heavyBall !== undefined)
    run.momentum = {
      gamma: options.momentum!,
      velocity: layeredParams(problem, raw.heavyBall.velocity, digits),
      maxIdentityResidual: text(raw.heavyBall.maxResidual),
      identityResidualT: raw.heavyBall.residualT.map(text),
      outputSign: raw.heavyBall.outputSign,
    };
  return run;
}
