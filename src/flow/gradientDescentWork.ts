import type { Dataset } from "../net/readDataset.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import type { Network } from "../net/network.js";
import { packNetwork } from "../net/packNetwork.js";
import { type WorkEstimate, workEstimate } from "../work/workEstimate.js";

/**
 * Seconds per step × parameter × row measured on one laptop core (Node 20):
 * in float, and in decimal or exact arithmetic at 50 digits (a product of D
 * digits costs about D², so the cost scales with (D/50)²).
 */
// re-measured by scripts/calibrateWork.ts (least of 3 runs on a shared 2-core machine, Node 20), with a margin of 2: 7.5e-7 and 1.8e-5 before, measured on a loaded machine
const FLOAT_SECONDS = 3.6e-7;
const DIGITS50_SECONDS = 6.5e-6;
/** Seconds per squared digit of the longest value read (parsing it into the arithmetic). */
const SECONDS_PER_INPUT_DIGIT2 = 1e-8;

/**
 * The work of `gradientDescent` before it starts, at any depth: steps × parameters × rows,
 * times (D/50)² for decimal:D, or for exact arithmetic the digits of the
 * longest value read. Exact values grow at every step, which no up-front
 * estimate sees: `stepBudget` projects the growth while it runs.
 *
 * @param arith - the arithmetic's name: `float`, `decimal:D` or `exact`
 * @returns seconds on one laptop core and the size they come from
 * @example gradientDescentWork(TOY_NETS.obstructed, TOY_DATA, "decimal:100000", 10).seconds > 60 // returns true
 */
export function gradientDescentWork(
  net: Network<string> | LayeredNetwork<string>,
  data: Dataset<string>,
  arith: string,
  steps: number,
): WorkEstimate {
  const values = packNetwork(net);
  const rows = Math.max(1, data.X.length);
  const size = steps * values.length * rows;
  // A loop, not Math.max(...): spreading 10^5 values as arguments overflows the call stack.
  const inputDigits = [values, ...data.X].reduce((m, row) => row.reduce((r, v) => Math.max(r, v.length), m), 1);
  const decimal = /^decimal:(\d+)$/.exec(arith);
  const digits = decimal !== null ? Number(decimal[1]) : inputDigits;
  const perUnit = arith === "float" ? FLOAT_SECONDS : DIGITS50_SECONDS * Math.max(1, (digits / 50) ** 2);
  const detail = `${steps} steps × ${values.length} parameters × ${rows} rows${arith === "float" ? "" : ` at ${digits} digits`}`;
  // Parsing a long value into float costs little: only exact and decimal carry its digits.
  const parse = arith === "float" ? 0 : inputDigits ** 2 * SECONDS_PER_INPUT_DIGIT2;
  return workEstimate(size * perUnit + parse, 1, detail);
}
