import type { Dataset } from "../net/readDataset.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { packNetwork } from "../net/packNetwork.js";
import { unrolledWeightCount } from "../net/unrolledWeightCount.js";
import { type WorkEstimate, workEstimate } from "../work/workEstimate.js";
import type { FlowMethod } from "./flowMethods.js";
import { at } from "../scalar/at.js";

/** What `integrateFlow` will be asked to do. */
export interface FlowWorkOptions {
  method: FlowMethod;
  digits: number;
  /** End time T as a number (only its size matters). */
  time: number;
  samples: number;
  /** Fixed step count of gauss and rk4. */
  steps?: number;
}

/**
 * Seconds measured on one laptop core (Node 20) at 50 digits on the toy
 * network (8 parameters, 2 rows): a Taylor run to T = 1, a Gauss-Legendre and
 * an RK4 step, a sample; and per squared digit of the longest value read.
 */
const TAYLOR_SECONDS = 0.3;
const GAUSS_STEP_SECONDS = 2.2e-2;
const RK4_STEP_SECONDS = 7.5e-4;
// re-measured by scripts/calibrateWork.ts (least of 3 runs on a shared 2-core machine, Node 20), with a margin of 2: 1.2e-3 before
const SAMPLE_SECONDS = 3.1e-4;
const SECONDS_PER_INPUT_DIGIT2 = 1e-9;
const TOY_SIZE = 16;

/**
 * The work of `integrateFlow(net, data, …)`, estimated before it starts: the
 * method's steps and the samples, times (digits/50)² (series and products at
 * D digits), times parameters × rows; plus reading values of many digits.
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
  const steps =
    o.method === "gauss"
      ? (o.steps ?? 100) * GAUSS_STEP_SECONDS
      : o.method === "rk4"
        ? (o.steps ?? 1000) * RK4_STEP_SECONDS
        : TAYLOR_SECONDS * (1 + 2 * Math.log10(Math.max(1, o.time)));
  // Taylor and Gauss-Legendre work in fixed point, which holds the integer digits of a value
  // (and of the loss, its square) on top of D: 1e999 in the data costs as about 2000 more digits
  const largest = [values, ...data.X, ...data.Y].reduce((m, row) => row.reduce((r, v) => Math.max(r, integerDigits(v)), m), 0);
  // values of up to 10 integer digits fit in the guard digits already
  const magnitude = o.method === "rk4" ? 0 : Math.max(0, 2 * largest - 20);
  const scale = ((o.digits + magnitude) / 50) ** 2 * Math.max(1, (parameters * rows) / TOY_SIZE);
  const seconds = (steps + o.samples * SAMPLE_SECONDS) * scale + inputDigits ** 2 * SECONDS_PER_INPUT_DIGIT2;
  return workEstimate(
    seconds,
    1,
    `${o.method} at ${o.digits}${magnitude > 0 ? ` + ${magnitude}` : ""} digits, ${o.samples} samples, ${parameters} parameters × ${rows} rows${inputDigits > 1000 ? `, values of ${inputDigits} digits` : ""}`,
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
