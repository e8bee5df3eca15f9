import type { Dataset } from "../net/readDataset.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { packNetwork } from "../net/packNetwork.js";
import { unrolledWeightCount } from "../net/unrolledWeightCount.js";
import { type WorkEstimate, workEstimate } from "../work/workEstimate.js";
import type { FlowMethod } from "./flowMethods.js";
import { at } from "../scalar/at.js";
import type { LossKind } from "../net/loss.js";
import { compileFlowProblem } from "./_internals/flowProblem.js";
import { fieldScale } from "./_internals/fieldScale.js";
import { gaussStages } from "./_internals/gaussStages.js";

/** What `integrateFlow` will be asked to do. */
export interface FlowWorkOptions {
  method: FlowMethod;
  digits: number;
  /** End time T as a number (only its size matters). */
  time: number;
  samples: number;
  /** Fixed step count of gauss and rk4. */
  steps?: number;
  /** The loss (default mse): the field, whose scale sets Gauss–Legendre's default step count. */
  loss?: LossKind;
}

/**
 * Seconds measured on one laptop core (Node 20) at 50 digits on the toy
 * network (8 parameters, 2 rows): a Taylor run to T = 1, an RK4 step, a sample;
 * and per squared digit of the longest value read.
 */
const TAYLOR_SECONDS = 0.3;
const RK4_STEP_SECONDS = 7.5e-4;
// re-measured by scripts/calibrateWork.ts (least of 3 runs on a shared 2-core machine, Node 20), with a margin of 2: 1.2e-3 before
const SAMPLE_SECONDS = 3.1e-4;
const SECONDS_PER_INPUT_DIGIT2 = 1e-9;
/**
 * Gauss–Legendre, fitted on whole-process CPU seconds of `relutopo flow --method gauss` (Node 20,
 * a shared 2-core machine) on the toy, bench/flow and the examples' sliding and deep nets at 10 to
 * 100 digits, default and fixed step counts (20 runs; 16 within 0.7–1.7 of the fit, the rest
 * runs that cross or slide along kinks, whose bisection takes up to 2.8 times the steps): a step's
 * own work, and each field evaluation of the stage iteration (s per sweep), by itself and per
 * parameter × row. The constant of the default step rule (below) is fitted on the step counts
 * the trial chose for 6 nets at 10 to 100 digits and T from 1/4 to 16 (each within 0.65–1.5 of
 * it). The tableau of s stages grows as about s^5 (2.1 s at s = 21, i.e. 100 digits; 72 s at s = 41).
 */
const GAUSS_STEP_SECONDS = 5e-4;
const GAUSS_EVALUATION_SECONDS = 4.5e-6;
const GAUSS_EVALUATION_SECONDS_PER_SIZE = 9.1e-7;
const GAUSS_STEP_RULE = 0.2;
const GAUSS_TABLEAU_SECONDS_21 = 2.1;
/** Past this many parameters × rows the field is not evaluated for the estimate: any such run is long, and its step count is taken at its least. */
const GAUSS_SCALE_MAX_SIZE = 100_000;
const TOY_SIZE = 16;

/**
 * The work of `integrateFlow(net, data, …)`, estimated before it starts: the
 * method's steps and the samples, times (digits/50)² (series and products at
 * D digits), times parameters × rows; plus reading values of many digits.
 * Gauss–Legendre counts its own: the steps its default rule will choose, from the
 * field's scale at θ(0) (two field evaluations), the sweeps of its stage iteration
 * and its tableau.
 * A network of any depth counts alike: one field evaluation runs forward and
 * back through every weight once per row, so it costs parameters × rows at
 * every depth; a convolution counts its unrolled weights (kernel entries times output positions).
 *
 * @returns seconds on one laptop core and the size they come from
 * @example flowWork(TOY_NETS.obstructed, TOY_DATA, { method: "taylor", digits: 1000, time: 1, samples: 0 }).seconds > 60 // returns true
 */
export function flowWork(net: LayeredNetwork<string>, data: Dataset<string>, o: FlowWorkOptions): WorkEstimate {
  const values = packNetwork(net);
  // a convolution's kernel is applied at every output position: its unrolled weights are the work
  const parameters = Math.max(values.length, unrolledWeightCount(net));
  const rows = Math.max(1, data.X.length);
  // A loop, not Math.max(...): spreading 10^5 values as arguments overflows the call stack.
  const inputDigits = [values, ...data.X, ...data.Y].reduce((m, row) => row.reduce((r, v) => Math.max(r, v.length), m), 0);
  // Taylor and Gauss-Legendre work in fixed point, which holds the integer digits of a value
  // (and of the loss, its square) on top of D: 1e999 in the data costs as about 2000 more digits
  const largest = [values, ...data.X, ...data.Y].reduce((m, row) => row.reduce((r, v) => Math.max(r, integerDigits(v)), m), 0);
  // values of up to 10 integer digits fit in the guard digits already
  const magnitude = o.method === "rk4" ? 0 : Math.max(0, 2 * largest - 20);
  const scale = ((o.digits + magnitude) / 50) ** 2 * Math.max(1, (parameters * rows) / TOY_SIZE);
  // Gauss–Legendre counts its steps and sweeps at D digits and its size; wider fixed point costs as the square of its digits
  const gauss = o.method === "gauss" ? gaussWork(net, data, o, parameters * rows) : undefined;
  const methodSeconds =
    gauss !== undefined
      ? gauss.seconds * ((o.digits + magnitude) / o.digits) ** 2
      : (o.method === "rk4" ? (o.steps ?? 1000) * RK4_STEP_SECONDS : TAYLOR_SECONDS * (1 + 2 * Math.log10(Math.max(1, o.time)))) * scale;
  const seconds = methodSeconds + o.samples * SAMPLE_SECONDS * scale + inputDigits ** 2 * SECONDS_PER_INPUT_DIGIT2;
  return workEstimate(
    seconds,
    1,
    `${o.method} at ${o.digits}${magnitude > 0 ? ` + ${magnitude}` : ""} digits${gauss === undefined ? "" : `, ${gauss.steps} steps`}, ${o.samples} samples, ${parameters} parameters × ${rows} rows${inputDigits > 1000 ? `, values of ${inputDigits} digits` : ""}`,
  );
}

/** The number of digits before the point of a value written as a decimal, in e-notation or as a fraction a/b (0 for junk). */
function integerDigits(text: string): number {
  const t = text.trim().replace(/^[+-]/, "");
  const frac = /^(\d+)\/(\d+)$/.exec(t);
  if (frac !== null) return Math.max(0, at(frac, 1).replace(/^0+/, "").length - at(frac, 2).length + 1);
  const dec = /^(\d*)(?:\.\d*)?(?:e([+-]?\d+))?$/i.exec(t);
  if (dec === null) return 0;
  const exponent = Number(dec[2] ?? 0);
  return Math.max(0, at(dec, 1).replace(/^0+/, "").length + (Number.isFinite(exponent) ? exponent : 0));
}

/**
 * Gauss–Legendre's seconds at D digits for the actual size (not scaled by digits² and size as the
 * other methods' are) and its step count. Its default step count follows `gaussLegendreFlow`'s rule without running
 * its trial step: with L the field's Lipschitz estimate and |f| its size at θ(0) (the same
 * `fieldScale` the trial starts from), the s-stage method's local error is about
 * c_s·|f|·(L'h)^{2s+1}/L' with c_s = (s!)^4/((2s)!)^2 (its error constant times the (2s+1)!
 * of a field analytic within 1/L'), and the step h with (T/h)·error = 10^−D gives
 * T·L'·(c_s·T·|f|·10^D)^{1/(2s)} steps, L' = GAUSS_STEP_RULE·L as the trials measured it; at
 * least T·L, the trial's first step. A step costs its own work and s field evaluations a sweep
 * of the stage iteration, as many sweeps as D digits take at a contraction of hL/2 per sweep.
 */
function gaussWork(
  net: LayeredNetwork<string>,
  data: Dataset<string>,
  o: FlowWorkOptions,
  size: number,
): { seconds: number; steps: number } {
  const s = gaussStages(o.digits);
  const T = Math.max(o.time, 1e-12);
  let scale = { lipschitz: 1, speed: 1 };
  if (size <= GAUSS_SCALE_MAX_SIZE) {
    try {
      // 20 digits are plenty for two doubles
      const { problem, theta0 } = compileFlowProblem(net, data, 20, o.loss ?? "mse");
      scale = fieldScale(problem, theta0);
    } catch {
      // a network the flow refuses: integrateFlow says why, the estimate stays at its least
    }
  }
  const L = scale.lipschitz;
  const log10Cs = (4 * log10Factorial(s) - 2 * log10Factorial(2 * s)) / (2 * s);
  const rule = GAUSS_STEP_RULE * T * L * 10 ** (log10Cs + (Math.log10(T * scale.speed) + o.digits) / (2 * s));
  const steps = o.steps ?? Math.max(1, Math.ceil(T * L), Math.ceil(rule));
  // bits the iteration must reach, gaining log2(2/(hL)) a sweep (a step too long for that is cut in halves)
  const sweeps = (o.digits * Math.log2(10) + 20) / Math.log2(2 / Math.min(1, (T * L) / steps));
  const stepSeconds = GAUSS_STEP_SECONDS + s * sweeps * (GAUSS_EVALUATION_SECONDS + size * GAUSS_EVALUATION_SECONDS_PER_SIZE);
  // the trial: a step and two half steps
  return { seconds: (steps + 3) * stepSeconds + GAUSS_TABLEAU_SECONDS_21 * (s / 21) ** 5, steps };
}

/** log10(n!). */
function log10Factorial(n: number): number {
  let sum = 0;
  for (let k = 2; k <= n; k++) sum += Math.log10(k);
  return sum;
}
