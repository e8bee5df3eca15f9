import { breastCancerSummary, type BreastCancerSummary } from "./breastCancerSummary.js";
import type { BreastCancerCell } from "./breastCancerCell.js";
import type { StoredCell } from "../runner/cellStore.js";
import type { CellSpec } from "../runner/planCells.js";
import type { OptimizerBreastCancerCell } from "./optimizerBreastCancerCell.js";
import type { OptimizerToyCell } from "./optimizerToyCell.js";
import { optimizersSummary, type OptimizersSummary } from "./optimizersSummary.js";
import type { ProbabilityCell } from "./probabilityCell.js";
import { probabilitySummary, type ProbabilitySummary } from "./probabilitySummary.js";
import type { ReproduceConfig } from "./reproduceConfig.js";
import { breastCancerSplit } from "./breastCancerSplit.js";
import type { ConvDigitsCell } from "./convDigitsCell.js";
import { convDigitsSummary, type ConvDigitsSummary } from "./convDigitsSummary.js";
import type { DeepCell } from "./deepCell.js";
import { deepSummary, type DeepSummary } from "./deepSummary.js";
import type { ToyFlowCell } from "./toyFlow.js";
import type { ToyGdCell } from "./toyGradientDescent.js";
import { toySummary, type ToyCells, type ToySummary } from "./toySummary.js";

/** Every experiment of a run summed up, each with the cells its figures draw; an experiment not run is absent. */
export interface RunSummary {
  toy?: { cells: ToyCells; summary: ToySummary };
  breastCancer?: { summary: BreastCancerSummary };
  probability?: { cells: ProbabilityCell[]; summary: ProbabilitySummary };
  optimizers?: { summary: OptimizersSummary };
  deep?: { summary: DeepSummary };
  convDigits?: { summary: ConvDigitsSummary };
}

/**
 * Sums up the finished cells of a run, experiment by experiment: the numbers a
 * report quotes, draws and records. A pure function of (config, cells), so a
 * sharded run merged sums up like a single run.
 *
 * @param config - the run's configuration
 * @param specs - every cell of the run, in plan order
 * @param cells - the finished cells by id (every cell of `specs` present; a toy flow cell may hold null)
 * @returns one summary per experiment of `config.experiments`
 * @remarks `npx relutopo reproduce` calls it once every cell of the run has finished.
 */
export function summariseRun(config: ReproduceConfig, specs: readonly CellSpec[], cells: ReadonlyMap<string, StoredCell>): RunSummary {
  const result = <T>(spec: CellSpec): T | null => (cells.get(spec.id)?.result ?? null) as T | null;
  const out: RunSummary = {};
  if (config.experiments.includes("toy")) {
    const find = (kind: "toy-gd" | "toy-flow", start: string): CellSpec =>
      specs.find((s) => s.key.kind === kind && "start" in s.key && s.key.start === start)!;
    const gd = { obstructed: result<ToyGdCell>(find("toy-gd", "obstructed"))!, good: result<ToyGdCell>(find("toy-gd", "good"))! };
    const flow = { obstructed: result<ToyFlowCell>(find("toy-flow", "obstructed")), good: result<ToyFlowCell>(find("toy-flow", "good")) };
    const toyCells: ToyCells = { gd, flow };
    out.toy = { cells: toyCells, summary: toySummary(config.toy, toyCells) };
  }
  if (config.experiments.includes("breast-cancer")) {
    const bcCells = specs.filter((s) => s.key.kind === "breast-cancer").map((s) => result<BreastCancerCell>(s)!);
    const split = breastCancerSplit(config);
    out.breastCancer = {
      summary: breastCancerSummary(config.breastCancer, bcCells, { train: split.train.X.length, test: split.test.X.length }),
    };
  }
  if (config.experiments.includes("probability")) {
    const probCells = specs.filter((s) => s.key.kind === "probability").map((s) => result<ProbabilityCell>(s)!);
    out.probability = { cells: probCells, summary: probabilitySummary(config.probability, probCells) };
  }
  if (config.experiments.includes("optimizers")) {
    const toy = result<OptimizerToyCell>(specs.find((s) => s.key.kind === "optimizers-toy")!)!;
    const bcCells = specs.filter((s) => s.key.kind === "optimizers-breast-cancer").map((s) => result<OptimizerBreastCancerCell>(s)!);
    out.optimizers = { summary: optimizersSummary(config.optimizers, toy, bcCells) };
  }
  if (config.experiments.includes("deep")) {
    const deepCells = specs.filter((s) => s.key.kind === "deep").map((s) => result<DeepCell>(s)!);
    out.deep = { summary: deepSummary(config.deep, deepCells) };
  }
  if (config.experiments.includes("conv-digits")) {
    const find = (arith: "exact" | "float"): ConvDigitsCell =>
      result<ConvDigitsCell>(specs.find((s) => s.key.kind === "conv-digits" && s.key.arith === arith)!)!;
    out.convDigits = { summary: convDigitsSummary(config.convDigits, { exact: find("exact"), float: find("float") }) };
  }
  return out;
}
