import type { Decimal } from "decimal.js";
import { neuronInvariants } from "../../invariants/neuronInvariants.js";
import { datasetIn } from "../../net/datasetIn.js";
import type { Dataset } from "../../net/readDataset.js";
import { fixedInvariants } from "../../net/kernels/fixedInvariants.js";
import { fixedToLayered, type FixedLayeredNet } from "../../net/kernels/fixedLayeredNet.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { loss as lossOf, type LossKind } from "../../net/loss.js";
import { networkIn } from "../../net/networkIn.js";
import { networkToJson } from "../../net/networkToJson.js";
import { decimal } from "../../scalar/decimal.js";
import { decimalContext } from "../../scalar/decimalContext.js";
import { fixedToString } from "../../scalar/fixedPoint.js";
import { resolved } from "./resolved.js";
import type { FlowMethod } from "../flowMethods.js";
import type { FlowLayer, FlowRun } from "../integrateFlow.js";
import type { RawTrajectory } from "./trajectory.js";
import { at } from "../../scalar/at.js";

/** θ (or a velocity) as `networkToJson` prints it (W1, b1?, W2, b2? for two weight layers, else `{ layers }`) at D digits. @internal */
export function layeredParams(p: FixedLayeredNet, theta: readonly bigint[], digits: number): Record<string, unknown> {
  const shown = theta.map((v) => resolved(p.F, v));
  return networkToJson(networkIn(fixedToLayered(p, shown), decimal(digits)), decimal(digits));
}

/** Splits a flat list over hidden neurons into one row per hidden layer. */
function byLayer<V>(p: FixedLayeredNet, flat: readonly V[]): V[][] {
  const rows: V[][] = Array.from({ length: p.layout.depth - 1 }, () => []);
  for (const [k, v] of flat.entries()) at(rows, at(p.neuronLayer, k) - 1).push(v);
  return rows;
}

/**
 * The `FlowRun` of a network. Two weight layers: `params` as W1, b1?, W2, b2?, events by neuron,
 * the sign changes of every neuron whose output weights changed sign. Three or more: `params` as
 * `{ layers: [{ W, b? }, …] }`, the invariants as the flat list c_{1,·}, c_{2,·}, …, one
 * `layers` entry per hidden layer, events with their layer; the sign changes count only neurons
 * with a single outgoing weight (a hidden layer followed by a layer of width 1), whose sign is
 * then that of the neuron.
 *
 * @internal
 */
export function formatLayeredRun(
  p: FixedLayeredNet,
  net: LayeredNetwork<string>,
  data: Dataset<string>,
  info: { digits: number; method: FlowMethod; loss: LossKind; time: string },
  raw: RawTrajectory,
): FlowRun {
  const { digits } = info;
  const S = decimal(p.edgeDigits);
  const dataS = datasetIn(data, S);
  const D = decimalContext(digits);
  const round = (v: Decimal): string => new D(v).toSignificantDigits(digits).toString();
  const text = (v: bigint): string => fixedToString(p.F, v, digits);
  const describe = (theta: readonly bigint[]): { params: Record<string, unknown>; invariants: string[]; loss: string } => {
    const exactText = fixedToLayered(p, theta);
    return {
      params: layeredParams(p, theta, digits),
      invariants: fixedInvariants(p, theta).map((v) => text(resolved(p.F, v))),
      loss: round(lossOf(networkIn(exactText, S), dataS, S, info.loss)),
    };
  };
  const start = networkIn(net, S);
  const end = describe(raw.theta);
  const invariants0 = neuronInvariants(start, S).map(round);
  // a network with convolutions reports per channel and per layer, at any depth
  const deep = p.layout.depth > 2 || p.unrolled !== undefined;
  const single = p.outSlots.map((slots) => !deep || slots.length === 1);
  const changed = raw.signChanged.map((c, k) => c && at(single, k));
  const rows0 = byLayer(p, invariants0);
  const rowsT = byLayer(p, end.invariants);
  const signRows = byLayer(p, changed);
  const outCounts = byLayer(
    p,
    p.outSlots.map((slots) => slots.length),
  );
  const layers: FlowLayer[] = rows0.map((c0, l) => ({
    layer: l + 1,
    invariants0: c0,
    invariantsT: at(rowsT, l),
    // tracked where every unit of the layer has one outgoing weight (a layer of width 1 above, no flatten)
    signChanges: at(outCounts, l).every((n) => n === 1) ? at(signRows, l).flatMap((c, k) => (c ? [k] : [])) : null,
  }));
  const run: FlowRun = {
    digits,
    method: info.method,
    time: info.time,
    params: end.params,
    invariants0,
    invariantsT: end.invariants,
    maxDrift: text(raw.maxDrift),
    loss0: round(lossOf(start, dataS, S, info.loss)),
    lossT: end.loss,
    events: raw.events.map((ev) => {
      if (!deep) return { t: text(ev.t), neuron: ev.neuron, point: ev.point, kind: ev.kind };
      const layer = at(p.unitLayer, ev.neuron);
      const u = ev.neuron - p.unitLayer.indexOf(layer);
      const positions = p.unrolled?.layers[layer - 1]?.positions ?? 1;
      const window = ev.window === undefined ? {} : { window: ev.window };
      if (positions === 1) return { t: text(ev.t), layer, neuron: u, point: ev.point, kind: ev.kind, ...window };
      const unit = { neuron: Math.floor(u / positions), position: u % positions };
      return { t: text(ev.t), layer, ...unit, point: ev.point, kind: ev.kind, ...window };
    }),
    signChanges: changed.flatMap((c, k) => (c ? [k] : [])),
    samples: raw.samples.map((s) => ({
      t: text(s.t),
      ...describe(s.theta),
      ...(s.v === undefined ? {} : { velocity: layeredParams(p, s.v, digits) }),
      ...(s.residual === undefined ? {} : { identityResidual: s.residual.map(text) }),
    })),
  };
  if (deep) run.layers = layers;
  return run;
}
