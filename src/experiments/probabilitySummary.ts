import type { ProbabilityCell } from "./probabilityCell.js";
import type { ProbabilityConfig } from "./reproduceConfig.js";

/** p (one neuron pathological) and P(H(c) disconnected) at one (d_in, l), as decimal text. */
export interface ProbabilityAnchor {
  pNeuron: string;
  pDisconnected: string;
}

/** The four corners of a scheme's grid the report quotes (undefined when a corner is not in the grid). */
export interface ProbabilityCorners {
  /** d_in = 2, l = 1 */
  small: ProbabilityAnchor | undefined;
  /** d_in = 2, l = lMax */
  wide: ProbabilityAnchor | undefined;
  /** d_in = dMax, l = 1 */
  deep: ProbabilityAnchor | undefined;
  /** d_in = dMax, l = lMax */
  largest: ProbabilityAnchor | undefined;
}

/** The probability grids summed up: the numbers results.json records under `probability`, and the corners by name. */
export interface ProbabilitySummary {
  results: {
    e: number;
    digits: number;
    /** First and last fan-in and width of the grid. */
    dIn: (number | undefined)[];
    widths: (number | undefined)[];
    /** Per scheme, the corners keyed `dIn=<d>,l=<l>` (null when not in the grid). */
    schemes: Record<string, Record<string, ProbabilityAnchor | null>>;
  };
  /** The largest fan-in and width of the grid. */
  dMax: number;
  lMax: number;
  /** Per scheme, the same corners by name. */
  corners: Record<string, ProbabilityCorners>;
}

/**
 * Sums up the probability grids: for each scheme, p and P(H(c) disconnected)
 * at the corners of the grid (d_in ∈ {2, dMax}, l ∈ {1, lMax}), the values
 * the report quotes.
 *
 * @param config - the probability configuration the cells ran with
 * @param cells - one cell per initialisation scheme
 * @returns the numbers results.json records, and the corners by name
 * @example const config = reproduceConfig("tiny", 1, "probability").probability;
 * probabilitySummary(config, [probabilityCell(config, "kaiming-normal")]).corners["kaiming-normal"]?.small?.pNeuron.slice(0, 8)
 * // returns "0.422649"
 */
export function probabilitySummary(config: ProbabilityConfig, cells: readonly ProbabilityCell[]): ProbabilitySummary {
  const dMax = config.dIn.at(-1)!;
  const lMax = config.widths.at(-1)!;
  const results: ProbabilitySummary["results"] = {
    e: config.e,
    digits: config.digits,
    dIn: [config.dIn[0], dMax],
    widths: [config.widths[0], lMax],
    schemes: {},
  };
  const corners: Record<string, ProbabilityCorners> = {};
  for (const cell of cells) {
    const at = (dIn: number, l: number): ProbabilityAnchor | undefined => {
      const r = cell.rows.find((row) => row.dIn === dIn && row.l === l);
      return r ? { pNeuron: r.pNeuron, pDisconnected: r.pDisconnected } : undefined;
    };
    const c: ProbabilityCorners = { small: at(2, 1), wide: at(2, lMax), deep: at(dMax, 1), largest: at(dMax, lMax) };
    corners[cell.scheme] = c;
    const keyed = { "dIn=2,l=1": c.small, [`dIn=2,l=${lMax}`]: c.wide, [`dIn=${dMax},l=1`]: c.deep, [`dIn=${dMax},l=${lMax}`]: c.largest };
    results.schemes[cell.scheme] = Object.fromEntries(Object.entries(keyed).map(([k, r]) => [k, r ?? null]));
  }
  return { results, dMax, lMax, corners };
}
