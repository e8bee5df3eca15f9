import { createHash } from "node:crypto";
import { type ExperimentName, type ReproduceConfig, reproduceConfig } from "../experiments/reproduceConfig.js";
import type { ReproduceOptions } from "./reproduce.js";
import { TOY_STARTS, type ToyStart } from "../experiments/toyProblem.js";

/** What one cell computes. */
export type CellKey =
  | { kind: "toy-gd"; start: ToyStart }
  | { kind: "toy-flow"; start: ToyStart }
  | { kind: "breast-cancer"; l: number; seed: number }
  | { kind: "probability"; scheme: string }
  | { kind: "optimizers-toy" }
  | { kind: "optimizers-breast-cancer"; l: number; seed: number }
  | { kind: "deep"; seed: number }
  | { kind: "conv-digits"; arith: "exact" | "float" };

/** One unit of work of a run: cached as `cells/<id>.json`, the unit of sharding and of resuming. */
export interface CellSpec {
  id: string;
  experiment: ExperimentName;
  /** A hash of the configuration of its experiment: a cached cell is reused only when it matches. */
  fingerprint: string;
  /** Relative cost, for the time estimate and for scheduling. */
  weight: number;
  key: CellKey;
}

/** The fingerprint of one experiment's configuration (scale, seed and its own section). */
function experimentFingerprint(config: ReproduceConfig, experiment: ExperimentName): string {
  const section =
    experiment === "toy"
      ? config.toy
      : experiment === "breast-cancer"
        ? config.breastCancer
        : experiment === "probability"
          ? config.probability
          : experiment === "deep"
            ? // it trains on the breast-cancer sweep's split
              { ...config.deep, testFraction: config.breastCancer.testFraction }
            : experiment === "conv-digits"
              ? config.convDigits
              : // the comparison trains on the breast-cancer sweep's split, ratio and biases
                { ...config.optimizers, breastCancer: config.breastCancer };
  return createHash("sha256")
    .update(JSON.stringify({ experiment, seed: config.seed, section }))
    .digest("hex")
    .slice(0, 16);
}

const pad = (v: number, width: number): string => String(v).padStart(width, "0");

/**
 * Every cell of a run, in a fixed order (the order shards are dealt from).
 * Breast-cancer cells are one (width, seed) each, holding the runs for
 * l₊ = 0 … l; their weight is the training cost ∝ (l + 1)(l + 1.5)·epochs (l + 1 trainings, each a fixed cost plus one per neuron); one unit is roughly 0.7 s.
 * The optimiser comparison has one toy cell and one cell per (width, seed) holding every optimiser for l₊ = 0, 1 and l;
 * their cost per start grows as l + 4 (measured), a mini-batch step costing about as much as four neurons.
 */
export function planCells(config: ReproduceConfig): CellSpec[] {
  const cells: CellSpec[] = [];
  for (const experiment of config.experiments) {
    const fingerprint = experimentFingerprint(config, experiment);
    if (experiment === "toy") {
      for (const start of TOY_STARTS)
        cells.push({ id: `toy-gd-${start}`, experiment, fingerprint, weight: 0.2, key: { kind: "toy-gd", start } });
      for (const start of TOY_STARTS)
        cells.push({ id: `toy-flow-${start}`, experiment, fingerprint, weight: 0.7, key: { kind: "toy-flow", start } });
    } else if (experiment === "breast-cancer") {
      const bc = config.breastCancer;
      for (const l of bc.widths) {
        for (let seed = 0; seed < bc.seeds; seed++) {
          cells.push({
            id: `breast-cancer-l${pad(l, 3)}-s${pad(seed, 4)}`,
            experiment,
            fingerprint,
            weight: ((l + 1) * (l + 1.5) * bc.epochs) / 20000,
            key: { kind: "breast-cancer", l, seed },
          });
        }
      }
    } else if (experiment === "optimizers") {
      const opt = config.optimizers;
      cells.push({ id: "optimizers-toy", experiment, fingerprint, weight: 0.6, key: { kind: "optimizers-toy" } });
      for (const l of opt.widths) {
        for (let seed = 0; seed < opt.seeds; seed++) {
          const starts = new Set([0, 1, l]).size;
          cells.push({
            id: `optimizers-breast-cancer-l${pad(l, 3)}-s${pad(seed, 4)}`,
            experiment,
            fingerprint,
            // CPU seconds per start measured at l = 1, 2, 4, 8, 16 (full scale) grow as l + 4
            weight: (opt.optimizers.length * starts * opt.epochs * (l + 4)) / 30000,
            key: { kind: "optimizers-breast-cancer", l, seed },
          });
        }
      }
    } else if (experiment === "deep") {
      const deep = config.deep;
      const [h1, h2] = deep.hidden;
      for (let seed = 0; seed < deep.seeds; seed++)
        cells.push({
          id: `deep-s${pad(seed, 4)}`,
          experiment,
          fingerprint,
          // one unit: a 30 → 8 → 2 → 1 network for 200 epochs
          weight: ((30 * h1 + h1 * h2 + h2) * deep.epochs) / (258 * 200),
          key: { kind: "deep", seed },
        });
    } else if (experiment === "conv-digits") {
      const conv = config.convDigits;
      const images = (run: { perClass: number }): number => run.perClass * conv.classes.length;
      // one unit: 60 images for 200 float steps; an exact image-step costs about what 980 float ones
      // do, and the float run has a setup of about 1.25 units (CPU seconds measured at both scales)
      cells.push({
        id: "conv-digits-exact",
        experiment,
        fingerprint,
        weight: (images(conv.exact) * conv.exact.steps * 980) / (60 * 200),
        key: { kind: "conv-digits", arith: "exact" },
      });
      cells.push({
        id: "conv-digits-float",
        experiment,
        fingerprint,
        weight: (images(conv.float) * conv.float.steps) / (60 * 200) + 1.25,
        key: { kind: "conv-digits", arith: "float" },
      });
    } else {
      for (const scheme of config.probability.schemes)
        cells.push({
          id: `probability-${scheme}`,
          experiment,
          fingerprint,
          weight: (config.probability.dIn.length * config.probability.widths.length) / 1000,
          key: { kind: "probability", scheme },
        });
    }
  }
  return cells;
}

/** The cells of shard `index` of `count` (0 ≤ index < count): every count-th cell of the plan, starting at index. */
export function shardCells(cells: readonly CellSpec[], index: number, count: number): CellSpec[] {
  return cells.filter((_, j) => j % count === index);
}

/** The cells a run plans for its options, before the cache is looked at. */
export function plannedCells(options: Pick<ReproduceOptions, "experiment" | "scale" | "seed" | "shard">): CellSpec[] {
  const all = planCells(reproduceConfig(options.scale, options.seed, options.experiment));
  return options.shard === null ? all : shardCells(all, options.shard.index, options.shard.count);
}
