import type { Dataset } from "../../net/readDataset.js";
import { fixedInvariants } from "../../net/kernels/fixedInvariants.js";
import { type FixedLayeredNet, fixedToLayered } from "../../net/kernels/fixedLayeredNet.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { loss as lossOf, type LossKind } from "../../net/loss.js";
import { mapNetwork } from "../../net/mapNetwork.js";
import { networkToJson } from "../../net/networkToJson.js";
import { packNetwork } from "../../net/packNetwork.js";
import { unpackLayers } from "../../net/unpackLayers.js";
import { decimal } from "../../scalar/decimal.js";
import { decimalContext } from "../../scalar/decimalContext.js";
import { fixedToString } from "../../scalar/fixedPoint.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { roundedDecimalText } from "../../scalar/roundedDecimalText.js";
import { resolved } from "./resolved.js";
import { type FixedInterval, fixedIntervals, UndecidedInterval } from "./fixedIntervals.js";
import type { FlowMethod } from "../flowMethods.js";
import type { FlowLayer, FlowRun } from "../integrateFlow.js";
import type { RawTrajectory } from "./trajectory.js";
import { at } from "../../scalar/at.js";

/** Prints text as it is: the "arithmetic" of parameters already printed. */
const AS_TEXT = { toString: (v: string): string => v };

/** θ (or a velocity) as `networkToJson` prints it (W1, b1?, W2, b2? for two weight layers, else `{ layers }`) at D digits. @internal */
export function layeredParams(p: FixedLayeredNet, theta: readonly bigint[], digits: number): Record<string, unknown> {
  const shown = theta.map((v) => fixedToString(p.F, resolved(p.F, v), digits));
  return networkToJson(unpackLayers(shown, p.layout), AS_TEXT);
}

/**
 * The c_k of the network at t = 0, exactly from its rationals (over the same incoming and outgoing
 * slots as `fixedInvariants`, which is tested against `neuronInvariants`), rounded once to D digits.
 */
function exactInvariantTexts(p: FixedLayeredNet, net: LayeredNetwork<string>, digits: number): string[] {
  const theta = packNetwork(net).map((v) => exact.parse(v));
  const squares = (slots: readonly number[]): Rational =>
    slots.reduce((sum, q) => exact.add(sum, exact.mul(at(theta, q), at(theta, q))), exact.zero);
  return p.inSlots.map((incoming, k) => {
    const c = exact.sub(squares(incoming), squares(at(p.outSlots, k)));
    return roundedDecimalText(c.s * c.n, c.d, digits);
  });
}

/** Bits beyond the run's own P at which the loss is enclosed: about 19 digits more than its 14 guard digits. */
const LOSS_EXTRA_BITS = 64;

/**
 * The loss of θ (undefined: of the network at t = 0, exactly from its rationals) printed to D
 * digits. Squared losses are first enclosed in fixed-point intervals of P + 64 bits (θ is exact
 * there, the data rounded outwards); when both ends of the enclosure round to the same D digits,
 * those digits are the exact loss's, rounded once. Otherwise (a loss too close to a rounding tie
 * or to 0 for the enclosure, a pre-activation on a kink, binary cross-entropy and its logarithms)
 * the loss is computed in decimal.js at the run's edge precision and rounded once to D digits.
 */
function lossPrinter(
  p: FixedLayeredNet,
  net: LayeredNetwork<string>,
  data: Dataset<string>,
  kind: LossKind,
  digits: number,
): (theta: readonly bigint[] | undefined) => string {
  const I = fixedIntervals(p.F.P + LOSS_EXTRA_BITS);
  const one = I.one.lo;
  const extra = BigInt(LOSS_EXTRA_BITS);
  let dataI: Dataset<FixedInterval> | undefined;
  /** The loss in decimal.js at the run's edge precision (above D digits), rounded once to D digits; set up at its first use. */
  let decimalLoss: ((theta: readonly bigint[] | undefined) => string) | undefined;
  const decimalFallback = (): ((theta: readonly bigint[] | undefined) => string) => {
    const S = decimal(p.edgeDigits);
    const dataS = { X: data.X.map((r) => r.map(S.parse)), Y: data.Y.map((r) => r.map(S.parse)) };
    const D = decimalContext(digits);
    return (theta) => {
      const netS = mapNetwork(theta === undefined ? net : fixedToLayered(p, theta), S.parse);
      return new D(lossOf(netS, dataS, S, kind)).toSignificantDigits(digits).toString();
    };
  };
  return (theta) => {
    if (kind !== "bce") {
      try {
        const netI =
          theta === undefined
            ? mapNetwork(net, I.parse)
            : unpackLayers(
                theta.map((v) => ({ lo: v << extra, hi: v << extra })),
                p.layout,
              );
        dataI ??= { X: data.X.map((r) => r.map(I.parse)), Y: data.Y.map((r) => r.map(I.parse)) };
        const L = lossOf(netI, dataI, I, kind);
        const lo = roundedDecimalText(L.lo, one, digits);
        if (lo === roundedDecimalText(L.hi, one, digits)) return lo;
      } catch (err) {
        if (!(err instanceof UndecidedInterval)) throw err;
      }
    }
    decimalLoss ??= decimalFallback();
    return decimalLoss(theta);
  };
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
  const text = (v: bigint): string => fixedToString(p.F, v, digits);
  const lossText = lossPrinter(p, net, data, info.loss, digits);
  const describe = (theta: readonly bigint[]): { params: Record<string, unknown>; invariants: string[]; loss: string } => ({
    params: layeredParams(p, theta, digits),
    invariants: fixedInvariants(p, theta).map((v) => text(resolved(p.F, v))),
    loss: lossText(theta),
  });
  const end = describe(raw.theta);
  const invariants0 = exactInvariantTexts(p, net, digits);
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
    loss0: lossText(undefined),
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
