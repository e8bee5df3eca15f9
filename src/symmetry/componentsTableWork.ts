import { type WorkEstimate, workEstimate } from "../work/workEstimate.js";

/**
 * Seconds per row of width l, per (1 + l/100), measured on one laptop core
 * (Node 20): a row computes two reports whose polynomials grow with l.
 */
// re-measured by scripts/calibrateWork.ts (least of 3 runs on a shared 2-core machine, Node 20), with a margin of 2: 8e-5 before
const SECONDS_PER_ROW = 4.2e-5;

/**
 * The work of `componentsTable(dIns, es, widths)`: (l+1)(l+2)/2 rows for every
 * (d_in, e, l), each costing more as l grows.
 *
 * @returns seconds on one laptop core and the number of rows
 * @example componentsTableWork([1, 2], [1], [1, 2, 3]).detail // returns "38 rows"
 */
export function componentsTableWork(dIns: readonly number[], es: readonly number[], widths: readonly number[]): WorkEstimate {
  let rows = 0;
  let units = 0;
  for (const l of widths) {
    const splits = ((l + 1) * (l + 2)) / 2;
    rows += splits;
    units += splits * (1 + l / 100);
  }
  const cells = dIns.length * es.length;
  return workEstimate(cells * units, SECONDS_PER_ROW, `${cells * rows} rows`);
}
