import { type WorkEstimate, workEstimate } from "../work/workEstimate.js";
import type { SplitNeurons } from "./splitNeurons.js";

/** Seconds per sign of a listed pattern, measured on one laptop core (Node 20), printing included. */
const SECONDS_PER_SIGN = 6.5e-7;

/**
 * The work of listing components with `enumerateComponents(split, limit)`:
 * min(limit, 2^k) patterns of k signs each, k the number of split neurons.
 *
 * @param split - the split neurons
 * @param limit - the most patterns listed, or undefined for all 2^k
 * @returns seconds on one laptop core and the size they come from
 * @example enumerateComponentsWork({ all: Array(70).fill(0) }, 9007199254740991n).seconds > 1e9 // returns true
 */
export function enumerateComponentsWork(split: SplitNeurons, limit?: bigint): WorkEstimate {
  const k = split.all.length;
  const total = 1n << BigInt(k);
  const listed = limit !== undefined && limit < total ? limit : total;
  return workEstimate(Number(listed) * (k + 1), SECONDS_PER_SIGN, `${listed} patterns of ${k} signs`);
}
