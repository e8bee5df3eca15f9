import type { Table } from "../table/table.js";
import { at } from "../scalar/at.js";
import { meanSe } from "./_internals/meanSe.js";
import { sixDigits } from "./_internals/sixDigits.js";
import type { MeanSe, PairedEffect } from "./breastCancerSummary.js";
import type { OptimizerBreastCancerCell } from "./optimizerBreastCancerCell.js";
import type { OptimizerRunResult, OptimizerToyCell } from "./optimizerToyCell.js";
import type { OptimizersConfig } from "./reproduceConfig.js";

/** What one optimiser did to the neurons that started pathological (c_k < 0), over a set of runs. */
export interface PathologicalFate {
  /** Pathological neurons at the start, over all runs. */
  pathological: number;
  /** Of those, the ones whose output weight changed sign at some step. */
  signChanges: number;
  /** Of those, the ones with c_k > 0 after training (no longer pathological). */
  becameHealthy: number;
  /** Median over those neurons of (c_k(T) − c_k(0)) / |c_k(0)|: 0 when c_k is kept, 1 when it reaches 0, above 1 when it turns positive; null without any. */
  medianRelativeChange: number | null;
  /** Every neuron's relative change, for the figure. */
  relativeChanges: number[];
  /** Neurons that started with c_k > 0 and ended with c_k < 0. */
  healthyTurnedPathological: number;
  healthy: number;
}

/** The toy problem under one optimiser: both starts. */
export interface OptimizerToyResult {
  optimizer: string;
  obstructed: OptimizerRunResult;
  good: OptimizerRunResult;
  fate: PathologicalFate;
  /** Final training loss from the obstructed start minus from the good one (the same function, other invariants). */
  lossGap: number;
}

/** Breast cancer under one optimiser, pooled over widths and seeds. */
export interface OptimizerBreastCancerResult {
  optimizer: string;
  runs: number;
  fate: PathologicalFate;
  /** Mean test loss ± standard error at l₊ = 0, 1 and l (pooled over widths). */
  testLoss: { zero: MeanSe; one: MeanSe; all: MeanSe };
  /** Test loss at l₊ = 0 minus at l₊ = 1, and at l₊ = 1 minus at l₊ = l (widths ≥ 2), paired by (l, seed): positive when the loss falls. */
  effectZeroToOne: PairedEffect;
  effectOneToAll: PairedEffect | null;
  /** Test loss at l₊ = 0 minus at l₊ = l, paired by (l, seed). */
  effectZeroToAll: PairedEffect;
}

/** The optimiser comparison summed up: what results.json records under `optimizers`, and what the report draws. */
export interface OptimizersSummary {
  results: Record<string, unknown>;
  /** The optimisers' labels in the configured order. */
  labels: string[];
  toy: OptimizerToyResult[];
  breastCancer: OptimizerBreastCancerResult[];
  /** One row per (problem, optimiser), for the report's CSV. */
  table: Table;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? at(s, h) : (at(s, h - 1) + at(s, h)) / 2;
}

/** How the neurons of some runs fared: those with c_k < 0 at the start, and those with c_k > 0. */
function fateOf(runs: readonly OptimizerRunResult[]): PathologicalFate {
  const relativeChanges: number[] = [];
  let signChanges = 0;
  let becameHealthy = 0;
  let healthy = 0;
  let healthyTurnedPathological = 0;
  for (const r of runs)
    r.c0.forEach((c, k) => {
      const cT = at(r.cT, k);
      if (c < 0) {
        relativeChanges.push((cT - c) / Math.abs(c));
        signChanges += at(r.signChanged, k);
        if (cT > 0) becameHealthy++;
      } else if (c > 0) {
        healthy++;
        if (cT < 0) healthyTurnedPathological++;
      }
    });
  return {
    pathological: relativeChanges.length,
    signChanges,
    becameHealthy,
    medianRelativeChange: median(relativeChanges),
    relativeChanges,
    healthyTurnedPathological,
    healthy,
  };
}

const paired = (d: number[]): PairedEffect => ({ ...meanSe(d), pairs: d.length });

/**
 * Sums up the optimiser comparison: for each optimiser, how many neurons that
 * started pathological (c_k < 0) had their output weight change sign, how c_k
 * moved (median relative change, how many turned positive), and, on breast
 * cancer, the paired test-loss effects of l₊ as in the breast-cancer sweep
 * (l₊ = 0 → 1, 1 → l and 0 → l); on the toy problem, the loss gap between
 * the obstructed and the good start (its l₊ = 0 → l).
 *
 * @param config - the comparison's configuration
 * @param toy - the toy cell
 * @param cells - every (width, seed) breast-cancer cell
 * @returns the numbers the report quotes, draws and records
 * @example const config = { ...reproduceConfig("tiny", 1, "optimizers").optimizers, toyEpochs: 5 };
 * optimizersSummary(config, optimizerToyCell(config, 1), []).toy[0].fate.pathological
 * // returns 2
 */
export function optimizersSummary(
  config: OptimizersConfig,
  toy: OptimizerToyCell,
  cells: readonly OptimizerBreastCancerCell[],
): OptimizersSummary {
  const labels = config.optimizers.map((o) => o.label);
  const toyResults: OptimizerToyResult[] = labels.map((optimizer) => {
    const runs = toy.runs.filter((r) => r.optimizer === optimizer);
    const obstructed = runs.find((r) => r.lPlus === 0)!;
    const good = runs.find((r) => r.lPlus > 0)!;
    return { optimizer, obstructed, good, fate: fateOf(runs), lossGap: obstructed.trainLoss - good.trainLoss };
  });
  const bcResults: OptimizerBreastCancerResult[] =
    cells.length === 0
      ? []
      : labels.map((optimizer) => {
          const runs = cells.flatMap((c) => c.runs.filter((r) => r.optimizer === optimizer));
          const d01: number[] = [];
          const d1l: number[] = [];
          const d0l: number[] = [];
          const at = { zero: [] as number[], one: [] as number[], all: [] as number[] };
          for (const c of cells) {
            const loss = (lPlus: number): number => c.runs.find((r) => r.optimizer === optimizer && r.lPlus === lPlus)!.testLoss!;
            at.zero.push(loss(0));
            at.one.push(loss(1));
            at.all.push(loss(c.l));
            d01.push(loss(0) - loss(1));
            if (c.l >= 2) d1l.push(loss(1) - loss(c.l));
            d0l.push(loss(0) - loss(c.l));
          }
          return {
            optimizer,
            runs: runs.length,
            fate: fateOf(runs),
            testLoss: { zero: meanSe(at.zero), one: meanSe(at.one), all: meanSe(at.all) },
            effectZeroToOne: paired(d01),
            effectOneToAll: d1l.length > 0 ? paired(d1l) : null,
            effectZeroToAll: paired(d0l),
          };
        });
  const fmt = sixDigits;
  const opt = (v: number | null): string => (v === null ? "" : fmt(v));
  const fateColumns = (f: PathologicalFate): string[] => [
    String(f.pathological),
    String(f.signChanges),
    String(f.becameHealthy),
    opt(f.medianRelativeChange),
    String(f.healthyTurnedPathological),
  ];
  const table: Table = {
    columns: [
      "problem",
      "optimizer",
      "runs",
      "pathological_neurons",
      "sign_changes",
      "became_healthy",
      "median_relative_change_c",
      "healthy_turned_pathological",
      "loss_lplus_0",
      "loss_lplus_1",
      "loss_lplus_l",
      "effect_0_to_1",
      "se_effect_0_to_1",
      "effect_1_to_l",
      "se_effect_1_to_l",
      "effect_0_to_l",
      "se_effect_0_to_l",
    ],
    rows: [
      ...toyResults.map((t) => [
        "toy",
        t.optimizer,
        "2",
        ...fateColumns(t.fate),
        fmt(t.obstructed.trainLoss),
        "",
        fmt(t.good.trainLoss),
        "",
        "",
        "",
        "",
        fmt(t.lossGap),
        "",
      ]),
      ...bcResults.map((b) => [
        "breast-cancer",
        b.optimizer,
        String(b.runs),
        ...fateColumns(b.fate),
        fmt(b.testLoss.zero.mean),
        fmt(b.testLoss.one.mean),
        fmt(b.testLoss.all.mean),
        fmt(b.effectZeroToOne.mean),
        fmt(b.effectZeroToOne.se),
        b.effectOneToAll ? fmt(b.effectOneToAll.mean) : "",
        b.effectOneToAll ? fmt(b.effectOneToAll.se) : "",
        fmt(b.effectZeroToAll.mean),
        fmt(b.effectZeroToAll.se),
      ]),
    ],
  };
  const fateJson = (f: PathologicalFate) => ({
    pathologicalNeurons: f.pathological,
    signChanges: f.signChanges,
    becameHealthy: f.becameHealthy,
    healthyFraction: f.pathological > 0 ? fmt(f.becameHealthy / f.pathological) : null,
    medianRelativeChange: f.medianRelativeChange === null ? null : fmt(f.medianRelativeChange),
    healthyNeurons: f.healthy,
    healthyTurnedPathological: f.healthyTurnedPathological,
  });
  const effectJson = (e: PairedEffect | null) => (e ? { mean: fmt(e.mean), se: fmt(e.se), pairs: e.pairs } : null);
  const results = {
    toyEpochs: config.toyEpochs,
    toyBatchSize: config.toyBatchSize,
    widths: config.widths,
    seeds: config.seeds,
    epochs: config.epochs,
    batchSize: config.batchSize,
    optimizers: config.optimizers,
    toy: toyResults.map((t) => ({
      optimizer: t.optimizer,
      ...fateJson(t.fate),
      lossObstructed: fmt(t.obstructed.trainLoss),
      lossGood: fmt(t.good.trainLoss),
      lossGap: fmt(t.lossGap),
      obstructed: { c0: t.obstructed.c0.map(fmt), cT: t.obstructed.cT.map(fmt), signChanged: t.obstructed.signChanged },
      good: { c0: t.good.c0.map(fmt), cT: t.good.cT.map(fmt), signChanged: t.good.signChanged },
    })),
    breastCancer: bcResults.map((b) => ({
      optimizer: b.optimizer,
      runs: b.runs,
      ...fateJson(b.fate),
      testLoss: {
        lPlus0: fmt(b.testLoss.zero.mean),
        lPlus1: fmt(b.testLoss.one.mean),
        lPlusAll: fmt(b.testLoss.all.mean),
      },
      effectZeroToOne: effectJson(b.effectZeroToOne),
      effectOneToAll: effectJson(b.effectOneToAll),
      effectZeroToAll: effectJson(b.effectZeroToAll),
    })),
  };
  return { results, labels, toy: toyResults, breastCancer: bcResults, table };
}
