import { probabilityReport } from "../probability/probabilityReport.js";
import { wilsonInterval } from "../probability/wilsonInterval.js";
import type { Table } from "../table/table.js";
import { sixDigits } from "./_internals/sixDigits.js";
import type { DeepCell } from "./deepCell.js";
import type { DeepConfig } from "./reproduceConfig.js";

/** The deep experiment summed up: what results.json records under `deep`, and what the report draws. */
export interface DeepSummary {
  /** Last-hidden-layer neurons counted over every seed, and how many had c < 0 at initialisation. */
  neurons: number;
  pathological: number;
  /** pathological / neurons, and its Wilson 95 % interval (decimal text). */
  fraction: string;
  ci95: [string, string];
  /** The two-layer prediction: p for fan-in h1 + 1, width h2, one output, under pytorch-default (Monte Carlo) and its Wilson 95 % interval. */
  predicted: { dIn: number; width: number; p: string; ci95: [string, string]; samples: number };
  /** Sign-locked neurons (c < 0) whose output weight changed sign at some epoch of gradient descent, and the same for the others. */
  lockedSignChanges: number;
  freeNeurons: number;
  freeSignChanges: number;
  /** Largest drift |c(t) − c(0)| of a last-layer neuron over the run (gradient flow: 0). */
  maxInvariantDrift: number;
  /** Mean training loss over seeds before and after. */
  trainLoss0: number;
  trainLoss: number;
  /** The cells' loss curves, for the figure. */
  curves: { seed: number; curve: [number, number][] }[];
  /** The report's table: one row per quantity. */
  table: Table;
  results: Record<string, unknown>;
}

const DIGITS = 6;

/**
 * Sums up the deep experiment's cells: the observed fraction of pathological
 * neurons in the last hidden layer at initialisation with its Wilson interval,
 * against the two-layer formula's p at the last hidden layer's fan-in (h1 + 1
 * with its bias) and width h2 with one output, under PyTorch's default
 * initialisation (uniform laws: seeded Monte Carlo); and how many sign-locked
 * output weights changed sign under gradient descent.
 *
 * @param config - the deep experiment's configuration
 * @param cells - its cells, one per seed
 * @returns the summary and its results.json entry
 */
export function deepSummary(config: DeepConfig, cells: readonly DeepCell[]): DeepSummary {
  const [h1, h2] = config.hidden;
  let neurons = 0;
  let pathological = 0;
  let lockedSignChanges = 0;
  let freeSignChanges = 0;
  let maxInvariantDrift = 0;
  for (const cell of cells) {
    neurons += cell.c0.length;
    pathological += cell.locked;
    lockedSignChanges += cell.lockedSignChanges;
    freeSignChanges += cell.freeSignChanges;
    maxInvariantDrift = Math.max(maxInvariantDrift, cell.maxInvariantDrift);
  }
  const fraction = sixDigits(pathological / neurons);
  const ci95 = wilsonInterval(pathological, neurons, "0.95", DIGITS);
  const mc = probabilityReport({ scheme: "pytorch-default" }, h1 + 1, h2, 1, {
    method: "monte-carlo",
    samples: config.samples,
    seed: 1,
    digits: DIGITS,
  });
  const predicted = { dIn: h1 + 1, width: h2, p: mc.pNeuron, ci95: mc.ci95!, samples: config.samples };
  const mean = (f: (c: DeepCell) => number): number => cells.reduce((s, c) => s + f(c), 0) / cells.length;
  const trainLoss0 = mean((c) => c.trainLoss0);
  const trainLoss = mean((c) => c.trainLoss);
  const freeNeurons = neurons - pathological;
  const results = {
    config,
    seeds: cells.length,
    lastLayer: { neurons, pathological, fraction, ci95 },
    predicted,
    lockedSignChanges,
    freeNeurons,
    freeSignChanges,
    maxInvariantDrift: sixDigits(maxInvariantDrift),
    trainLoss0: sixDigits(trainLoss0),
    trainLoss: sixDigits(trainLoss),
  };
  return {
    neurons,
    pathological,
    fraction,
    ci95,
    predicted,
    lockedSignChanges,
    freeNeurons,
    freeSignChanges,
    maxInvariantDrift,
    trainLoss0,
    trainLoss,
    table: {
      columns: ["quantity", "value"],
      rows: [
        ["last-hidden-layer neurons", String(neurons)],
        ["pathological at initialisation (c < 0)", String(pathological)],
        ["observed fraction", fraction],
        ["Wilson 95 % interval", `${ci95[0]} – ${ci95[1]}`],
        [`two-layer formula p (d_in = ${h1 + 1}, l = ${h2}, e = 1)`, predicted.p],
        ["sign-locked output weights that changed sign", String(lockedSignChanges)],
        ["other output weights that changed sign", `${freeSignChanges} of ${freeNeurons}`],
        ["largest drift |c(t) − c(0)|", sixDigits(maxInvariantDrift)],
      ],
    },
    curves: cells.map((c) => ({ seed: c.seed, curve: c.curve })),
    results,
  };
}
