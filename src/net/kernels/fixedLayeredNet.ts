import { refuseNormalisationInFlow } from "../_internals/refuseNormalisationInFlow.js";
import { InputError } from "../../errors.js";
import { at } from "../../scalar/at.js";
import { decimalContext, type DecimalCtor } from "../../scalar/decimalContext.js";
import { fixedToRationalText, parseFixed, type Fixed } from "../../scalar/fixedPoint.js";
import type { Dataset } from "../readDataset.js";
import type { LayeredNetwork } from "../layeredNetwork.js";
import type { LossKind } from "../loss.js";
import { isSquared, lossCount } from "../_internals/lossScale.js";
import { layoutOf } from "../layoutOf.js";
import { packNetwork } from "../packNetwork.js";
import { unpackLayers } from "../unpackLayers.js";
import { incomingSlots } from "../incomingSlots.js";
import { outgoingSlots } from "../outgoingSlots.js";
import type { ParamLayout } from "../paramLayout.js";
import type { SlopeTable } from "../slopeTable.js";
import { fixedSlopes } from "./_internals/fixedSlopes.js";
import { unrollNetwork, type UnrolledNet } from "./_internals/unrolledConv.js";

/**
 * A network of any depth (two weight layers included) and its data compiled to
 * fixed point (integers scaled by 2^P): what the fixed-point field
 * (`fixedLayeredField`) and the Taylor series (`layeredTaylorStep`) read. θ is one
 * flat bigint vector in the order of `layout` (PyTorch `state_dict`). The hidden
 * neurons of every hidden layer are numbered flat, layer by layer (the order of
 * `neuronInvariants`), and their incoming and outgoing slots listed once, so that
 * the invariants and the sign monitor read them directly.
 *
 * Two numberings of the hidden layers: the *invariant groups* (a neuron, or a channel of a
 * convolution: who carries a c) and the *kink units* (a neuron, or a channel at one output
 * position: whose pre-activation has a kink). They coincide for a fully connected network; a network
 * with convolutions also carries its `unrolled` view (a dense net with tied parameters).
 *
 * @internal
 */
export interface FixedLayeredNet {
  readonly F: Fixed;
  readonly layout: ParamLayout;
  /** Number of data points. */
  readonly n: number;
  /** Number of hidden neurons (invariant groups: neurons, or channels of a convolution) over all hidden layers. */
  readonly l: number;
  /** Hidden layer (1 … L − 1) of each flat hidden neuron. */
  readonly neuronLayer: readonly number[];
  /** Number of kink units (pre-activations per point: neurons, or channels × positions) over all hidden layers; `l` without convolutions. */
  readonly units: number;
  /** Hidden layer (1 … L − 1) of each flat kink unit. */
  readonly unitLayer: readonly number[];
  /** The unrolled view of a network with convolutions, pooling or an input tensor; undefined for a fully connected one. */
  readonly unrolled?: UnrolledNet | undefined;
  /** inSlots[k]: θ indices of the incoming weights (then the bias) of flat hidden neuron k. */
  readonly inSlots: readonly (readonly number[])[];
  /** outSlots[k]: θ indices of the outgoing weights of flat hidden neuron k, in the next layer's order. */
  readonly outSlots: readonly (readonly number[])[];
  /** Inputs, n × d. */
  readonly X: bigint[][];
  /** Targets, n × e. */
  readonly Y: bigint[][];
  /** σ' above 0, below 0 and at 0 (PyTorch), from the activation's one slope table. */
  readonly slopes: SlopeTable<bigint>;
  /** Per point, whether its input to the first layer is 0 (x_i = 0 and no first-layer bias): its first-layer z never moves. */
  readonly nullPoint: readonly boolean[];
  /** (2 for mse and sse-mean, 1 for bce) / (n·e for mse, n otherwise): dL/df_ij = rScale·(f − y) or rScale·(σ(f) − y). */
  readonly rScale: bigint;
  readonly loss: LossKind;
  /** Working precision in decimal digits of the decimal.js edge computations (logistic). */
  readonly edgeDigits: number;
  /** decimal.js at edgeDigits. */
  readonly Dec: DecimalCtor;
}

/**
 * Compiles a network of any depth (at least two weight layers) of exact text and its data to the
 * fixed-point format `F`.
 *
 * @returns the compiled net and θ(0) in its layout
 * @throws InputError for a network with fewer than two weight layers
 * @internal
 */
export function compileFixedLayeredNet(
  net: LayeredNetwork<string>,
  data: Dataset<string>,
  F: Fixed,
  loss: LossKind,
): { net: FixedLayeredNet; theta0: bigint[] } {
  const layout = layoutOf(net);
  refuseNormalisationInFlow(layout);
  if (layout.depth < 2) throw new InputError({ field: "net", expected: "at least two weight layers", value: String(layout.depth) });
  const n = data.X.length;
  const neuronLayer: number[] = [];
  const inSlots: number[][] = [];
  const outSlots: number[][] = [];
  for (const [layer, width] of layout.widths.entries()) {
    if (layer === 0 || layer === layout.depth) continue;
    for (let k = 0; k < width; k++) {
      neuronLayer.push(layer);
      inSlots.push(incomingSlots(layout, layer, k));
      outSlots.push(outgoingSlots(layout, layer, k));
    }
  }
  const unrolled = layout.structure === undefined ? undefined : unrollNetwork(net, layout);
  const unitLayer =
    unrolled === undefined ? neuronLayer : unrolled.layers.slice(0, -1).flatMap((u, l) => new Array<number>(u.rows).fill(l + 1));
  const edgeDigits = Math.ceil(F.P / Math.log2(10)) + 10;
  const X = data.X.map((row) => row.map((v) => parseFixed(F, v)));
  const compiled: FixedLayeredNet = {
    F,
    layout,
    n,
    l: neuronLayer.length,
    neuronLayer,
    units: unitLayer.length,
    unitLayer,
    unrolled,
    inSlots,
    outSlots,
    X,
    Y: data.Y.map((row) => row.map((v) => parseFixed(F, v))),
    slopes: fixedSlopes(net.activation, F),
    nullPoint: X.map((x) => !layout.bias[0] && x.every((v) => v === 0n)),
    rScale: parseFixed(F, `${isSquared(loss) ? 2 : 1}/${lossCount(loss, n, at(layout.widths, layout.depth))}`),
    loss,
    edgeDigits,
    // made when first read (binary cross-entropy's logistic): a squared loss never loads decimal.js
    get Dec() {
      return decimalContext(edgeDigits, { notation: "decimal.js" });
    },
  };
  return { net: compiled, theta0: packNetwork(net).map((v) => parseFixed(F, v)) };
}

/** θ as a layered network whose entries are exact rational text "V/2^P" (convert with any Scalar's parse). @internal */
export function fixedToLayered(p: FixedLayeredNet, theta: readonly bigint[]): LayeredNetwork<string> {
  return unpackLayers(
    theta.map((v) => fixedToRationalText(p.F, v)),
    p.layout,
  );
}
