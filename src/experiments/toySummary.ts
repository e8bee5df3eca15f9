import { rationalSign } from "./_internals/rationalSign.js";
import type { ToyConfig } from "./reproduceConfig.js";
import type { ToyFlowCell } from "./toyFlow.js";
import type { ToyGdCell } from "./toyGradientDescent.js";
import { TOY_OBSTRUCTED_FLOOR, TOY_STARTS, type ToyStart } from "./toyProblem.js";
import { toyTopology, type ToyTopology } from "./toyTopology.js";

/** The toy experiment's cells, by start; a flow cell is null when the flow layer is not in this build. */
export interface ToyCells {
  gd: Record<ToyStart, ToyGdCell>;
  flow: Record<ToyStart, ToyFlowCell | null>;
}

/** What one start did under gradient descent and (when available) the flow. */
export interface ToyStartResults {
  c0: string[];
  gd: Pick<ToyGdCell, "loss0" | "lossT" | "cT" | "maxInvariantDrift" | "maxDriftIdentityError" | "signs0" | "signsT" | "signChanges">;
  flow: Pick<ToyFlowCell, "loss0" | "lossT" | "invariantsT" | "maxDrift" | "events" | "signChanges"> | null;
}

/** The numbers of the toy experiment, in the order results.json records them under `toy`. */
export interface ToyResults {
  data: string;
  floor: string;
  gd: { steps: number; lr: string; arith: string };
  flow: { method: string; digits: number; time: string } | null;
  starts: Record<string, ToyStartResults>;
  stallLoss: string;
  stallLossFlow: string | null;
  goodLoss: string;
  goodLossFlow: string | null;
  /** The largest drift of any c_k along either flow, as decimal text; null without flow cells. */
  flowMaxDrift: string | null;
  /** Sign changes of the output weight of neurons pathological at the start, over every run. */
  pathologicalSignChanges: number;
  topology: Record<ToyStart, ToyTopology>;
}

/** The toy experiment summed up: the numbers results.json records, and which neurons start pathological. */
export interface ToySummary {
  results: ToyResults;
  /** Per start and neuron k, whether c_k < 0 at the start (exact). */
  pathological: Record<ToyStart, boolean[]>;
  /** True when both starts have a flow cell. */
  flowReady: boolean;
  /** The larger of the two starts' gradient-descent drift-identity errors, as decimal text. */
  gdMaxDriftIdentityError: string;
  /** Kink events along both flows together; null without flow cells. */
  flowEvents: number | null;
}

/**
 * Sums up the toy obstruction from its finished cells: losses, drifts and sign
 * changes of both starts, the sign changes of pathological neurons, and the
 * exact topology of each start (components of H(c), whether the target's
 * signs are reachable).
 *
 * @param config - the toy configuration the cells ran with
 * @param cells - the gradient-descent cell and (possibly null) flow cell of each start
 * @returns the numbers the report quotes and records
 * @example const config = { ...reproduceConfig("tiny", 1, "toy").toy, steps: 5 };
 * const gd = { obstructed: toyGradientDescent(config, "obstructed"), good: toyGradientDescent(config, "good") };
 * toySummary(config, { gd, flow: { obstructed: null, good: null } }).results.topology.obstructed.obstructed
 * // returns true
 */
export function toySummary(config: ToyConfig, cells: ToyCells): ToySummary {
  const { gd, flow } = cells;
  const topology = { obstructed: toyTopology("obstructed"), good: toyTopology("good") };
  const flowReady = TOY_STARTS.every((s) => flow[s] !== null);
  const pathological = { obstructed: gd.obstructed.c0.map((c) => rationalSign(c) < 0), good: gd.good.c0.map((c) => rationalSign(c) < 0) };
  const ob = gd.obstructed;
  const good = gd.good;
  const flowDrifts = TOY_STARTS.map((s) => flow[s]?.maxDrift).filter((v): v is string => v !== undefined);
  const flowMaxDrift = flowDrifts.length === 0 ? null : flowDrifts.reduce((m, v) => (Number(v) > Number(m) ? v : m));
  const pathologicalSignChanges = TOY_STARTS.flatMap((s) => {
    const flowChanges = flow[s]?.signChanges ?? [];
    return [...gd[s].signChanges, ...flowChanges].filter((k) => pathological[s][k] === true);
  }).length;
  const results: ToyResults = {
    data: "y = |x| at x = -1, -1/2, 1/2, 1; two ReLU neurons with hidden bias, no output bias, squared error",
    floor: TOY_OBSTRUCTED_FLOOR,
    gd: { steps: config.steps, lr: config.lr, arith: ob.arith },
    flow: flowReady ? { method: flow.obstructed!.method, digits: config.flowDigits, time: config.flowTime } : null,
    starts: Object.fromEntries(
      TOY_STARTS.map((s) => [
        s,
        {
          c0: gd[s].c0,
          gd: {
            loss0: gd[s].loss0,
            lossT: gd[s].lossT,
            cT: gd[s].cT,
            maxInvariantDrift: gd[s].maxInvariantDrift,
            maxDriftIdentityError: gd[s].maxDriftIdentityError,
            signs0: gd[s].signs0,
            signsT: gd[s].signsT,
            signChanges: gd[s].signChanges,
          },
          flow: flowRecord(flow[s]),
        },
      ]),
    ),
    stallLoss: ob.lossT,
    stallLossFlow: flow.obstructed?.lossT ?? null,
    goodLoss: good.lossT,
    goodLossFlow: flow.good?.lossT ?? null,
    flowMaxDrift,
    pathologicalSignChanges,
    topology,
  };
  const gdMaxDriftIdentityError =
    Number(good.maxDriftIdentityError) > Number(ob.maxDriftIdentityError) ? good.maxDriftIdentityError : ob.maxDriftIdentityError;
  const flowEvents = flowReady ? flow.obstructed!.events + flow.good!.events : null;
  return { results, pathological, flowReady, gdMaxDriftIdentityError, flowEvents };
}

/** The flow part of a start's record, or null where the flow was not run. */
function flowRecord(f: ToyFlowCell | null) {
  return f === null
    ? null
    : { loss0: f.loss0, lossT: f.lossT, invariantsT: f.invariantsT, maxDrift: f.maxDrift, events: f.events, signChanges: f.signChanges };
}
