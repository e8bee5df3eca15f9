import { parseInitScheme } from "../probability/parseInitScheme.js";
import { probabilityTable } from "../probability/probabilityTable.js";
import type { ProbabilityConfig } from "./reproduceConfig.js";

/** One heat map: for every fan-in d_in and width l, p (one neuron pathological) and P(H(c) disconnected). */
export interface ProbabilityCell {
  scheme: string;
  e: number;
  digits: number;
  /** Rows in the order d_in, then l; probabilities as decimal text at `digits` digits. */
  rows: { dIn: number; l: number; pNeuron: string; pDisconnected: string }[];
}

/**
 * The probability heat map of one normal initialisation scheme over the grid of
 * fan-ins and widths, from the probability layer (docs/theory.md §5: p is an
 * incomplete beta; P(disconnected) = 1 − (1 − q)^l).
 *
 * @param config - the probability configuration (grid, e, digits)
 * @param scheme - the scheme's name, e.g. `kaiming-normal`
 * @returns p and P(H(c) disconnected) for every (d_in, l)
 */
export function probabilityCell(config: ProbabilityConfig, scheme: string): ProbabilityCell {
  const rows = probabilityTable({ scheme: parseInitScheme(scheme) }, config.dIn, config.widths, [config.e], { digits: config.digits });
  return {
    scheme,
    e: config.e,
    digits: config.digits,
    rows: rows.map((r) => ({ dIn: r.dIn, l: r.width, pNeuron: r.pNeuron, pDisconnected: r.pDisconnected })),
  };
}
