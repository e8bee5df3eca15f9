import { type WorkEstimate, workEstimate } from "../work/workEstimate.js";

/** What a probability computation will do, per row of a table or for one report. */
export interface ProbabilityWorkOptions {
  /** Rows computed (1 for one report). */
  rows: number;
  /** Largest fan-in d_in and output dimension e among the rows. */
  dIn: number;
  e: number;
  /** Significant digits asked for. */
  digits: number;
  /** Monte Carlo samples per row, or undefined for the closed form. */
  samples?: number;
  /** Width l whose Binomial(l, p) law is printed in full, if any. */
  distributionWidth?: number;
}

/**
 * Seconds per unit measured on one laptop core (Node 20): a Monte Carlo
 * coordinate draw; a closed-form row at 40 digits; a term of the Binomial law,
 * per squared working digit.
 */
// re-measured by scripts/calibrateWork.ts (least of 3 runs on a shared 2-core machine, Node 20), with a margin of 2: 1.6e-8 before
const SECONDS_PER_COORDINATE = 1.3e-8;
const SECONDS_PER_EXACT_ROW = 1e-3;
/**
 * The Binomial(l, p) law, whole-process CPU seconds of `relutopo probability --distribution` on
 * one core (Node 20): a fixed part (loading, warming up, once per call), then per term a part of
 * its own (the recurrence step and printing the line) and a part per squared working digit,
 * fitted by least squares at l = 1,000, 10,000, 100,000 (40 digits) and l = 30,000 at 80 digits,
 * checked at l = 30,000 at 20 and 40 digits (−25 %, −6 %). The fit is of the least of two runs;
 * the constants are that fit times 1.1, since a single run takes about 10 % more: l = 100,000 at
 * 40 digits was 3.1 s estimated, 2.7–3.4 s measured. On a later machine it took 2.0–2.3 s of CPU, and the
 * parts below are that fit's times 0.7 (2.2 s estimated).
 */
const SECONDS_PER_CALL = 0.18;
const SECONDS_PER_LAW_TERM = 1.05e-5;
const SECONDS_PER_LAW_TERM_DIGIT2 = 2.45e-9;

/**
 * The work of `probabilityReport` or `probabilityTable`, estimated before it starts.
 *
 * @param o - rows, dimensions, digits, samples and the width of the distribution
 * @returns seconds on one laptop core and the size they come from
 * @example Math.round(probabilityWork({ rows: 1, dIn: 3, e: 1, digits: 40, samples: 1e9 }).seconds) // returns 65 (5e9 coordinates)
 */
export function probabilityWork(o: ProbabilityWorkOptions): WorkEstimate {
  const parts: WorkEstimate[] = [];
  if (o.samples !== undefined) {
    const coordinates = o.rows * o.samples * (o.dIn + o.e + 1);
    parts.push(workEstimate(coordinates, SECONDS_PER_COORDINATE, `${o.rows} × ${o.samples} samples of ${o.dIn + o.e + 1} coordinates`));
  } else {
    const perRow = (1 + (o.dIn + o.e) / 100) * (1 + o.digits / 100);
    parts.push(workEstimate(o.rows * perRow, SECONDS_PER_EXACT_ROW, `${o.rows} closed-form rows at ${o.digits} digits`));
  }
  if (o.distributionWidth !== undefined) {
    const working = o.digits + 10 + 2 * String(o.distributionWidth).length;
    parts.push(
      workEstimate(
        o.distributionWidth * (SECONDS_PER_LAW_TERM + working ** 2 * SECONDS_PER_LAW_TERM_DIGIT2),
        1,
        `${o.distributionWidth + 1} terms at ${working} digits`,
      ),
    );
  }
  return {
    seconds: SECONDS_PER_CALL + parts.reduce((s, p) => s + p.seconds, 0),
    detail: parts.map((p) => p.detail).join(" + "),
  };
}
