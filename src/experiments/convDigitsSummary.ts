import type { Table } from "../table/table.js";
import { sixDigits } from "./_internals/sixDigits.js";
import { at } from "../scalar/at.js";
import type { ConvDigitsBatchNorm } from "./convDigitsBatchNorm.js";
import type { ConvDigitsCell } from "./convDigitsCell.js";
import type { ConvDigitsConfig } from "./reproduceConfig.js";

/** The batch-normalised runs summed up, per channel j (see `convDigitsBatchNorm`). */
export interface ConvDigitsBatchNormSummary {
  steps: number;
  images: number;
  batchSize: number;
  lr: number;
  weightDecay: number;
  /** ‖K_j‖²(θ_N) / ‖K_j‖²(θ_0) without weight decay: how much SGD grew each kernel. */
  growth: number[];
  /** ‖K_j‖²(θ_N) / ‖K_j‖²(θ_0) with weight decay. */
  decayedFactor: number[];
  /** With weight decay, ‖K_j‖²(θ_N) / the balance level: 1 where the run settled at the balance. */
  endToBalance: number[];
  /** With weight decay, ‖K_j‖²(θ_N) / ‖K_j‖²(θ_{3N/4}): near 1 when the run has stopped moving. */
  lastQuarter: number[];
  /** The largest |observed − predicted| change of ‖K_j‖² of a step over both runs, absolute and relative to max ‖K_j‖². */
  maxResidual: number;
  relResidual: number;
}

/** The convolutional experiment summed up: what results.json records under `convDigits`, and what the report draws. */
export interface ConvDigitsSummary {
  /** The exact run and the float run, as their cells hold them. */
  exact: ConvDigitsCell;
  float: ConvDigitsCell;
  /** Channels of the exact run whose observed drift differed from the prediction at some step (the identity says none). */
  exactMismatches: number[];
  /** Largest relative residual of a channel in the float run. */
  floatMaxRelResidual: number;
  /** Largest |observed drift| of a channel in the float run: how far gradient descent moved c. */
  floatMaxDrift: number;
  /** The batch-normalised variant, when the float cell ran it. */
  batchNorm?: ConvDigitsBatchNormSummary | undefined;
  /** The report's table: one row per (arithmetic, channel). */
  table: Table;
  results: Record<string, unknown>;
}

/**
 * Sums up the convolutional experiment's two cells: per channel of the convolution, the law c at the start
 * and the end, its drift over the run against the predicted η²(‖g_in‖² − ‖g_out‖²) summed over the steps,
 * and the residual: exactly 0 in rationals, rounding in float64.
 *
 * @param config - the experiment's configuration
 * @param cells - the exact run and the float run
 * @returns the summary and its results.json entry
 */
export function convDigitsSummary(config: ConvDigitsConfig, cells: { exact: ConvDigitsCell; float: ConvDigitsCell }): ConvDigitsSummary {
  const { exact, float } = cells;
  const exactMismatches = exact.channels.flatMap((c, j) => (c.maxStepResidual === "0" && c.residual === "0" ? [] : [j + 1]));
  const floatMaxRelResidual = Math.max(0, ...float.channels.map((c) => c.relResidual));
  const floatMaxDrift = Math.max(0, ...float.channels.map((c) => Math.abs(c.observed)));
  const rows = [exact, float].flatMap((cell) =>
    cell.channels.map((c, j) => [
      cell.arith,
      String(j + 1),
      sixDigits(c.c0),
      sixDigits(c.cT),
      sixDigits(c.observed),
      sixDigits(c.predicted),
      cell.arith === "exact" ? c.residual : sixDigits(Number(c.residual)),
      sixDigits(c.relResidual),
    ]),
  );
  const perChannel = (cell: ConvDigitsCell): Record<string, unknown> => ({
    images: cell.images,
    steps: cell.steps,
    loss0: sixDigits(cell.loss0),
    lossT: sixDigits(cell.lossT),
    channels: cell.channels.map((c) => ({
      c0: sixDigits(c.c0),
      cT: sixDigits(c.cT),
      observed: sixDigits(c.observed),
      predicted: sixDigits(c.predicted),
      residual: cell.arith === "exact" ? c.residual : sixDigits(Number(c.residual)),
      relResidual: sixDigits(c.relResidual),
    })),
  });
  const bn = float.batchNorm === undefined ? undefined : batchNormSummary(float.batchNorm);
  return {
    exact,
    float,
    exactMismatches,
    ...(bn === undefined ? {} : { batchNorm: bn }),
    floatMaxRelResidual,
    floatMaxDrift,
    table: {
      columns: ["arithmetic", "channel", "c_0", "c_N", "observed_drift", "predicted_drift", "residual", "relative_residual"],
      rows,
    },
    results: {
      config,
      exact: perChannel(exact),
      float: perChannel(float),
      exactMismatches,
      floatMaxRelResidual: sixDigits(floatMaxRelResidual),
      floatMaxDrift: sixDigits(floatMaxDrift),
      ...(bn === undefined
        ? {}
        : {
            batchNorm: {
              ...bn,
              growth: bn.growth.map(sixDigits),
              decayedFactor: bn.decayedFactor.map(sixDigits),
              endToBalance: bn.endToBalance.map(sixDigits),
              lastQuarter: bn.lastQuarter.map(sixDigits),
              balance: float.batchNorm?.balance.map(sixDigits),
              maxResidual: sixDigits(bn.maxResidual),
              relResidual: sixDigits(bn.relResidual),
            },
          }),
    },
  };
}

function batchNormSummary(r: ConvDigitsBatchNorm): ConvDigitsBatchNormSummary {
  const N = r.steps;
  const ratio = (rows: readonly (readonly number[])[], t: number, s: number): number[] => at(rows, t).map((k, j) => k / at(at(rows, s), j));
  const scale = Math.max(...r.plain.kernel.flat(), ...r.decayed.kernel.flat());
  const maxResidual = Math.max(r.plain.maxResidual, r.decayed.maxResidual);
  return {
    steps: N,
    images: r.images,
    batchSize: r.batchSize,
    lr: r.lr,
    weightDecay: r.decayed.weightDecay,
    growth: ratio(r.plain.kernel, N, 0),
    decayedFactor: ratio(r.decayed.kernel, N, 0),
    endToBalance: at(r.decayed.kernel, N).map((k, j) => k / at(r.balance, j)),
    lastQuarter: ratio(r.decayed.kernel, N, Math.floor((3 * N) / 4)),
    maxResidual,
    relResidual: scale > 0 ? maxResidual / scale : maxResidual,
  };
}
