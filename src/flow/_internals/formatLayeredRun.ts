import type { Decimal } from "decimal.js";
import { layerInvariants } from "../../invariants/layerInvariants.js";
import { datasetIn } from "../../net/datasetIn.js";
import type { Dataset } from "../../net/readDataset.js";
import { fixedInvariants } from "../../net/kernels/fixedInvariants.js";
import { fixedToLayered, type FixedLayeredNet } from "../../net/kernels/fixedLayeredNet.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { loss as lossOf, type LossKind } from "../../net/loss.js";
import { decimal } from "../../scalar/decimal.js";
import { decimalContext } from "../../scalar/decimalContext.js";
import { fixedToString } from "../../scalar/fixedPoint.js";
import { resolved } from "./resolved.js";
import type { Scalar } from "../../scalar/scalar.js";
import type { FlowMethod } from "../flowMethods.js";
import type { FlowLayer, FlowRun } from "../integrateFlow.js";
import type { RawTrajectory } from "./trajectory.js";

/** A layered network of exact text in arithmetic `S`. */
function layeredIn<T>(net: LayeredNetwork<string>, S: Scalar<T>): LayeredNetwork<T> {
  const parse = (v: string): T => S.parse(v);
  return { activation: net.activation, layers: net.layers.map(({ W, b }) => ({ W: W.map((r) => r.map(parse)), b: b?.map(parse) })) };
}

/** `{ layers: [{ W, b? }, …] }` with every entry as text of `S`. */
function layersJson<T>(net: LayeredNetwork<T>, S: Scalar<T>): Record<string, unknown> {
  const str = (v: T): string => S.toString(v);
  return { layers: net.layers.map(({ W, b }) => (b ? { W: W.map((r) => r.map(str)), b: b.map(str) } : { W: W.map((r) => r.map(str)) })) };
}

/** θ (or a velocity) as `{ layers: [{ W, b? }, …] }` at D digits. @internal */
export function layeredParams(p: FixedLayeredNet, theta: readonly bigint[], digits: number): Record<string, unknown> {
  const shown = theta.map((v) => resolved(p.F, v));
  return layersJson(layeredIn(fixedToLayered(p, shown), decimal(digits)), decimal(digits));
}

/** Splits a flat list over hidden neurons into one row per hidden layer. */
function byLayer<V>(p: FixedLayeredNet, flat: readonly V[]): V[][] {
  const rows: V[][] = Array.from({ length: p.layout.depth - 1 }, () => []);
  for (const [k, v] of flat.entries()) rows[p.neuronLayer[k]! - 1]!.push(v);
  return rows;
}

/**
 * The `FlowRun` of a network of three or more weight layers: as for two layers, with `params` as
 * `{ layers: [{ W, b? }, …] }`, the invariants as the flat list c_{1,·}, c_{2,·}, … and one
 * `layers` entry per hidden layer; the sign changes count only neurons with a single outgoing
 * weight (a hidden layer followed by a layer of width 1), whose sign is then that of the neuron.
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
      loss: round(lossOf(layeredIn(exactText, S), dataS, S, info.loss)),
    };
  };
  const start = layeredIn(net, S);
  const end = describe(raw.theta);
  const invariants0 = layerInvariants(start, S).flat().map(round);
  const single = p.outSlots.map((slots) => slots.length === 1);
  const changed = raw.signChanged.map((c, k) => c && single[k]!);
  const rows0 = byLayer(p, invariants0);
  const rowsT = byLayer(p, end.invariants);
  const signRows = byLayer(p, changed);
  const layers: FlowLayer[] = rows0.map((c0, l) => ({
    layer: l + 1,
    invariants0: c0,
    invariantsT: rowsT[l]!,
    signChanges: p.layout.widths[l + 2] === 1 ? signRows[l]!.flatMap((c, k) => (c ? [k] : [])) : null,
  }));
  return {
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
      const layer = p.neuronLayer[ev.neuron]!;
      return { t: text(ev.t), layer, neuron: ev.neuron - p.neuronLayer.indexOf(layer), point: ev.point, kind: ev.kind };
    }),
    signChanges: changed.flatMap((c, k) => (c ? [k] : [])),
    samples: raw.samples.map((s) => ({
      t: text(s.t),
      ...describe(s.theta),
      ...(s.v === undefined ? {} : { velocity: layeredParams(p, s.v, digits) }),
      ...(s.residual === undefined ? {} : { identityResidual: s.residual.map(text) }),
    })),
    layers,
  };
}
