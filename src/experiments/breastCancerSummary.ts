import type { Table } from "../table/table.js";
import { meanSe } from "./_internals/meanSe.js";
import { sixDigits } from "./_internals/sixDigits.js";
import type { BreastCancerCell, BreastCancerRun } from "./breastCancerCell.js";
import type { BreastCancerConfig } from "./reproduceConfig.js";

/** A mean and its standard error. */
export interface MeanSe {
  mean: number;
  se: number;
}

/** The runs of one (width l, l₊) pair, pooled over seeds. */
export interface BreastCancerGroup {
  l: number;
  lPlus: number;
  /** Runs pooled (one per seed). */
  n: number;
  loss: MeanSe;
  acc: MeanSe;
  /** Mean training loss after training. */
  train: number;
}

/** A paired effect: the mean difference of test losses over pairs, and how many pairs. */
export interface PairedEffect extends MeanSe {
  pairs: number;
}

/** The breast-cancer sweep summed up: the numbers results.json records under `breastCancer`, and the floats the text and figures use. */
export interface BreastCancerSummary {
  /** The numbers in the order results.json records them. */
  results: Record<string, unknown>;
  /** Widths in increasing order. */
  widths: number[];
  /** One group per (l, l₊) that ran, by l then l₊. */
  groups: BreastCancerGroup[];
  /** The groups as the report's CSV table (6 significant digits). */
  table: Table;
  /**
   * Test loss at l₊ = 0 minus test loss at l₊ = 1, paired by (l, seed): positive when the first
   * non-pathological neuron lowers the loss (the sign results.json records).
   */
  effectZeroToOne: PairedEffect;
  /** Test loss at l₊ = 1 minus at l₊ = l, paired by (l, seed) over widths ≥ 2 (positive: the loss falls); null when every width is 1. */
  effectOneToAll: PairedEffect | null;
  /** The same two paired effects per width, in width order (`oneToAll` null for l = 1). */
  effectsByWidth: { l: number; zeroToOne: PairedEffect; oneToAll: PairedEffect | null }[];
  /** Trainings in all. */
  runs: number;
  /** Hidden neurons over all cells, and how many were pathological at PyTorch's default initialisation. */
  neurons: number;
  naturallyPathological: number;
  /** naturallyPathological / neurons. */
  pathologicalFraction: number;
  /** Sizes of the training and test splits. */
  split: { train: number; test: number };
  /** Pathological neurons whose output weight changed sign at some epoch, over all runs. */
  pathologicalSignChanges: number;
  /** The largest drift of any c_k under gradient descent, over all runs. */
  maxInvariantDrift: number;
}

/**
 * Sums up the breast-cancer sweep from its finished cells: mean test loss ±
 * one standard error per (width l, l₊) over seeds, the paired effects of
 * going from l₊ = 0 to 1 and from 1 to l (every (l, seed) cell trains the same
 * initial function for each l₊), and how often neurons start pathological.
 *
 * @param config - the configuration the cells ran with
 * @param cells - every (width, seed) cell of the sweep
 * @param split - the sizes of the training and test splits
 * @returns the numbers the report quotes, draws and records
 * @example const config = { ...reproduceConfig("tiny", 1, "breast-cancer").breastCancer, widths: [1], seeds: 2, epochs: 10 };
 * const split = breastCancerSplit(reproduceConfig("tiny", 1, "breast-cancer"));
 * const cells = [0, 1].map((seed) => breastCancerCell(config, split, 1, 1, seed));
 * breastCancerSummary(config, cells, { train: split.train.X.length, test: split.test.X.length }).effectZeroToOne.pairs
 * // returns 2
 */
export function breastCancerSummary(
  config: BreastCancerConfig,
  cells: readonly BreastCancerCell[],
  split: { train: number; test: number },
): BreastCancerSummary {
  const runs: BreastCancerRun[] = cells.flatMap((c) => c.runs);
  const widths = [...new Set(cells.map((c) => c.l))].sort((a, b) => a - b);
  const groups: BreastCancerGroup[] = [];
  for (const l of widths) {
    for (let lPlus = 0; lPlus <= l; lPlus++) {
      const group = runs.filter((r) => r.l === l && r.lPlus === lPlus);
      if (group.length === 0) continue;
      groups.push({
        l,
        lPlus,
        n: group.length,
        loss: meanSe(group.map((r) => r.testLoss)),
        acc: meanSe(group.map((r) => r.testAccuracy)),
        train: meanSe(group.map((r) => r.trainLoss)).mean,
      });
    }
  }
  // Paired effects: every (l, seed) cell trains the same initial function for each l₊.
  const d01: number[] = [];
  const d1l: number[] = [];
  const byWidth01 = new Map<number, number[]>(widths.map((l) => [l, []]));
  const byWidth1l = new Map<number, number[]>(widths.map((l) => [l, []]));
  for (const c of cells) {
    const at = (lPlus: number): number => c.runs.find((r) => r.lPlus === lPlus)!.testLoss;
    d01.push(at(0) - at(1));
    byWidth01.get(c.l)!.push(at(0) - at(1));
    if (c.l >= 2) {
      d1l.push(at(1) - at(c.l));
      byWidth1l.get(c.l)!.push(at(1) - at(c.l));
    }
  }
  const paired = (d: number[]): PairedEffect => ({ ...meanSe(d), pairs: d.length });
  const effectsByWidth = widths.map((l) => ({
    l,
    zeroToOne: paired(byWidth01.get(l)!),
    oneToAll: l >= 2 ? paired(byWidth1l.get(l)!) : null,
  }));
  const effectZeroToOne = { ...meanSe(d01), pairs: d01.length };
  const effectOneToAll = d1l.length > 0 ? { ...meanSe(d1l), pairs: d1l.length } : null;
  const neurons = cells.reduce((s, c) => s + c.l, 0);
  const naturallyPathological = cells.reduce((s, c) => s + c.naturallyPathological, 0);
  const pathologicalSignChanges = runs.reduce((s, r) => s + r.pathologicalSignChanges, 0);
  const maxInvariantDrift = runs.reduce((m, r) => Math.max(m, r.maxInvariantDrift), 0);
  const fmt = sixDigits;
  const table: Table = {
    columns: ["l", "l_plus", "l_plus_over_l", "runs", "mean_test_loss", "se_test_loss", "mean_test_accuracy", "mean_train_loss"],
    rows: groups.map((r) => [
      String(r.l),
      String(r.lPlus),
      fmt(r.lPlus / r.l),
      String(r.n),
      fmt(r.loss.mean),
      fmt(r.loss.se),
      fmt(r.acc.mean),
      fmt(r.train),
    ]),
  };
  const byWidth = widths.map((l) => {
    const zero = groups.find((r) => r.l === l && r.lPlus === 0)!;
    const all = groups.find((r) => r.l === l && r.lPlus === l)!;
    return { l, lossAllPathological: fmt(zero.loss.mean), lossNonePathological: fmt(all.loss.mean) };
  });
  const results = {
    widths,
    seeds: config.seeds,
    epochs: config.epochs,
    lr: config.lr,
    ratio: config.ratio,
    hiddenBias: config.hiddenBias,
    outputBias: config.outputBias,
    split: { ...split, testFraction: config.testFraction },
    runs: runs.length,
    table: table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c, r[i]]))),
    byWidth,
    effectZeroToOne: { mean: fmt(effectZeroToOne.mean), se: fmt(effectZeroToOne.se), pairs: effectZeroToOne.pairs },
    effectOneToAll: effectOneToAll ? { mean: fmt(effectOneToAll.mean), se: fmt(effectOneToAll.se), pairs: effectOneToAll.pairs } : null,
    effectsByWidth: effectsByWidth.map((e) => ({
      l: e.l,
      zeroToOne: { mean: fmt(e.zeroToOne.mean), se: fmt(e.zeroToOne.se), pairs: e.zeroToOne.pairs },
      oneToAll: e.oneToAll ? { mean: fmt(e.oneToAll.mean), se: fmt(e.oneToAll.se), pairs: e.oneToAll.pairs } : null,
    })),
    naturallyPathological: { neurons, pathological: naturallyPathological, fraction: fmt(naturallyPathological / neurons) },
    pathologicalSignChanges,
    maxInvariantDrift: fmt(maxInvariantDrift),
  };
  return {
    results,
    widths,
    groups,
    table,
    effectZeroToOne,
    effectOneToAll,
    effectsByWidth,
    runs: runs.length,
    neurons,
    naturallyPathological,
    pathologicalFraction: naturallyPathological / neurons,
    split: { train: split.train, test: split.test },
    pathologicalSignChanges,
    maxInvariantDrift,
  };
}
